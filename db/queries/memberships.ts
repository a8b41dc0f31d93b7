import type { MemberRole } from '../../shared/api/groups.js';
import type { Queryable } from '../client.js';

export interface MemberRow {
  userId: string;
  email: string;
  name: string;
  role: MemberRole;
}

export async function findRole(db: Queryable, groupId: string, userId: string): Promise<MemberRole | undefined> {
  const [row] = await db<{ role: MemberRole }[]>`select role from memberships where group_id = ${groupId} and user_id = ${userId}`;
  return row?.role;
}

/** Roles of a user in every group they belong to. */
export async function rolesOfUser(db: Queryable, userId: string): Promise<Map<string, MemberRole>> {
  const rows = await db<{ groupId: string; role: MemberRole }[]>`select group_id, role from memberships where user_id = ${userId}`;
  return new Map(rows.map((r) => [r.groupId, r.role]));
}

export async function upsertMember(db: Queryable, groupId: string, userId: string, role: MemberRole): Promise<MemberRole | undefined> {
  const [previous] = await db<{ role: MemberRole }[]>`
    select role from memberships where group_id = ${groupId} and user_id = ${userId} for update`;
  await db`
    insert into memberships (group_id, user_id, role) values (${groupId}, ${userId}, ${role})
    on conflict (group_id, user_id) do update set role = excluded.role`;
  return previous?.role;
}

export async function deleteMember(db: Queryable, groupId: string, userId: string): Promise<MemberRole | undefined> {
  const [row] = await db<{ role: MemberRole }[]>`
    delete from memberships where group_id = ${groupId} and user_id = ${userId} returning role`;
  return row?.role;
}

export async function listMembers(db: Queryable, groupId: string): Promise<MemberRow[]> {
  return db<MemberRow[]>`
    select m.user_id, u.email, u.name, m.role from memberships m join users u on u.id = m.user_id
    where m.group_id = ${groupId} order by u.name, u.email`;
}
