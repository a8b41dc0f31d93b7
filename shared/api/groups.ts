import { z } from 'zod';
import { MEMBER_ROLES, type MemberRole } from '../domain.js';

const name = z.string().trim().min(1).max(200);

export const CreateGroupBody = z.object({ nameAr: name, nameEn: name }).strict();
export type CreateGroupBody = z.infer<typeof CreateGroupBody>;

export interface GroupDto {
  id: string;
  nameAr: string;
  nameEn: string;
  createdAt: string;
  /** The caller's role in the group (`null` for admins who are not members). */
  role: MemberRole | null;
}

export { MEMBER_ROLES, type MemberRole } from '../domain.js';
export const SetMemberBody = z.object({ role: z.enum(MEMBER_ROLES) }).strict();

export interface MemberDto {
  userId: string;
  email: string;
  name: string;
  role: MemberRole;
}
