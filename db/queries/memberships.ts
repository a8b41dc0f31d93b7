import { isUuid } from '../../shared/ids.js';
import type { MemberRole } from '../../shared/api/groups.js';
import type { Queryable } from '../client.js';

export interface MemberRow {
  userId: string;
  email: string;
  name: string;
  role: MemberRole;
  side: string | null;
  approver: boolean;
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

/** Sets the role; `side` and `approver` are kept as they were when not given. Returns the previous membership. */
export async function upsertMember(
  db: Queryable,
  groupId: string,
  userId: string,
  input: { role: MemberRole; side?: string | null; approver?: boolean },
): Promise<{ previous: Membership | undefined; next: Membership }> {
  const [previous] = await db<Membership[]>`
    select role, side, approver from memberships where group_id = ${groupId} and user_id = ${userId} for update`;
  // Left out: as it was. An empty side is none.
  const side = (input.side === undefined ? previous?.side : input.side) || null;
  const approver = input.approver ?? previous?.approver ?? false;
  await db`
    insert into memberships (group_id, user_id, role, side, approver) values (${groupId}, ${userId}, ${input.role}, ${side}, ${approver})
    on conflict (group_id, user_id) do update set role = excluded.role, side = excluded.side, approver = excluded.approver`;
  return { previous, next: { role: input.role, side, approver } };
}

interface Membership {
  role: MemberRole;
  side: string | null;
  approver: boolean;
}

/** The sides a user approves for in a group. */
export async function approverSides(db: Queryable, groupId: string, userId: string): Promise<string[]> {
  const rows = await db<{ side: string }[]>`
    select side from memberships where group_id = ${groupId} and user_id = ${userId} and approver and side is not null`;
  return rows.map((r) => r.side);
}

/**
 * Locks the group's memberships until the end of the transaction and counts its secretaries, so
 * that two concurrent demotions cannot each see another secretary left.
 */
export async function lockSecretaries(tx: Queryable, groupId: string): Promise<string[]> {
  const rows = await tx<{ userId: string; role: MemberRole }[]>`
    select user_id, role from memberships where group_id = ${groupId} order by user_id for update`;
  return rows.filter((r) => r.role === 'secretary').map((r) => r.userId);
}

export async function deleteMember(db: Queryable, groupId: string, userId: string): Promise<MemberRole | undefined> {
  if (!isUuid(userId)) return undefined;
  const [row] = await db<{ role: MemberRole }[]>`
    delete from memberships where group_id = ${groupId} and user_id = ${userId} returning role`;
  return row?.role;
}

export async function listMembers(db: Queryable, groupId: string): Promise<MemberRow[]> {
  return db<MemberRow[]>`
    select m.user_id, u.email, u.name, m.role, m.side, m.approver from memberships m join users u on u.id = m.user_id
    where m.group_id = ${groupId} order by u.name, u.email`;
}

/** The side a member belongs to in a group (null without one, or for a non-member). */
export async function memberSide(db: Queryable, groupId: string, userId: string): Promise<string | null> {
  const [row] = await db<{ side: string | null }[]>`select side from memberships where group_id = ${groupId} and user_id = ${userId}`;
  return row?.side ?? null;
}
