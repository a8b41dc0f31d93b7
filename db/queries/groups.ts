import type { MemberRole } from '../../shared/api/groups.js';
import { isUuid } from '../../shared/ids.js';
import type { Queryable } from '../client.js';

export interface GroupRow {
  id: string;
  nameAr: string;
  nameEn: string;
  createdAt: Date;
}

export async function insertGroup(db: Queryable, input: { nameAr: string; nameEn: string }): Promise<GroupRow> {
  const [row] = await db<GroupRow[]>`
    insert into groups (name_ar, name_en) values (${input.nameAr}, ${input.nameEn})
    returning id, name_ar, name_en, created_at`;
  return row!;
}

export async function listGroups(db: Queryable): Promise<GroupRow[]> {
  return db<GroupRow[]>`select id, name_ar, name_en, created_at from groups order by created_at, id`;
}

export async function findGroup(db: Queryable, id: string): Promise<GroupRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db<GroupRow[]>`select id, name_ar, name_en, created_at from groups where id = ${id}`;
  return row;
}

export async function listGroupsOfUser(db: Queryable, userId: string): Promise<(GroupRow & { role: MemberRole })[]> {
  return db<(GroupRow & { role: MemberRole })[]>`
    select g.id, g.name_ar, g.name_en, g.created_at, m.role
    from groups g join memberships m on m.group_id = g.id and m.user_id = ${userId}
    order by g.created_at, g.id`;
}
