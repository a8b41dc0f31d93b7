import type { GroupDto, MemberRole } from '../../../shared/api/groups.js';
import type { GroupRow } from '../../../db/queries/groups.js';

export function presentGroup(row: GroupRow, role: MemberRole | null): GroupDto {
  return { id: row.id, nameAr: row.nameAr, nameEn: row.nameEn, createdAt: row.createdAt.toISOString(), sides: row.sides, digits: row.digits, role };
}
