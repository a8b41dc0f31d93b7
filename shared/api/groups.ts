import { z } from 'zod';
import { DIGIT_POLICIES, MEMBER_ROLES, type DigitPolicy, type MemberRole } from '../domain.js';

const name = z.string().trim().min(1).max(200);

export const Side = z
  .object({
    key: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'a short slug: lowercase letters, digits and hyphens'),
    nameAr: name,
    nameEn: name,
  })
  .strict();
export type Side = z.infer<typeof Side>;

const Sides = z
  .array(Side)
  .max(10)
  .refine((sides) => new Set(sides.map((s) => s.key)).size === sides.length, 'side keys must be unique in the group');

const Digits = z.enum(DIGIT_POLICIES);

export const CreateGroupBody = z.object({ nameAr: name, nameEn: name, sides: Sides.default([]), digits: Digits.optional() }).strict();
export type CreateGroupBody = z.infer<typeof CreateGroupBody>;

export const UpdateGroupBody = z.object({ nameAr: name, nameEn: name, sides: Sides, digits: Digits }).partial().strict();
export type UpdateGroupBody = z.infer<typeof UpdateGroupBody>;

export interface GroupDto {
  id: string;
  nameAr: string;
  nameEn: string;
  createdAt: string;
  sides: Side[];
  /** Digits of the Arabic text the app writes for this group (its pages, generated minutes text, PDF). */
  digits: DigitPolicy;
  /** The caller's role in the group (`null` for admins who are not members). */
  role: MemberRole | null;
}

export { MEMBER_ROLES, type MemberRole } from '../domain.js';
export const SetMemberBody = z
  .object({ role: z.enum(MEMBER_ROLES), side: z.string().trim().max(32).nullable().optional(), approver: z.boolean().optional() })
  .strict();
export type SetMemberBody = z.infer<typeof SetMemberBody>;

export interface MemberDto {
  userId: string;
  email: string;
  name: string;
  role: MemberRole;
  /** The side (party) the member belongs to, a key of the group's sides. */
  side: string | null;
  /** Approves the minutes for that side. */
  approver: boolean;
}
