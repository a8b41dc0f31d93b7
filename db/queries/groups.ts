import type { MemberRole, Side } from '../../shared/api/groups.js';
import type { DigitPolicy } from '../../shared/domain.js';
import { isUuid } from '../../shared/ids.js';
import type { Queryable } from '../client.js';

export interface GroupRow {
  id: string;
  nameAr: string;
  nameEn: string;
  createdAt: Date;
  sides: Side[];
  digits: DigitPolicy;
}

export async function insertGroup(db: Queryable, input: { nameAr: string; nameEn: string; sides?: Side[]; digits?: DigitPolicy }): Promise<GroupRow> {
  const [row] = await db<GroupRow[]>`
    insert into groups (name_ar, name_en, sides, digits) values (${input.nameAr}, ${input.nameEn}, ${db.json((input.sides ?? []) as never)}, ${input.digits ?? 'western'})
    returning id, name_ar, name_en, created_at, sides, digits`;
  return row!;
}

export async function updateGroup(db: Queryable, id: string, patch: { nameAr?: string; nameEn?: string; sides?: Side[]; digits?: DigitPolicy }): Promise<GroupRow | undefined> {
  const set: Record<string, unknown> = {};
  if (patch.nameAr !== undefined) set.name_ar = patch.nameAr;
  if (patch.nameEn !== undefined) set.name_en = patch.nameEn;
  if (patch.sides !== undefined) set.sides = db.json(patch.sides as never);
  if (patch.digits !== undefined) set.digits = patch.digits;
  if (Object.keys(set).length === 0) return findGroup(db, id);
  const [row] = await db<GroupRow[]>`update groups set ${db(set)} where id = ${id} returning id, name_ar, name_en, created_at, sides, digits`;
  return row;
}

export async function listGroups(db: Queryable): Promise<GroupRow[]> {
  return db<GroupRow[]>`select id, name_ar, name_en, created_at, sides, digits from groups order by created_at, id`;
}

export async function findGroup(db: Queryable, id: string): Promise<GroupRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db<GroupRow[]>`select id, name_ar, name_en, created_at, sides, digits from groups where id = ${id}`;
  return row;
}

export async function listGroupsOfUser(db: Queryable, userId: string): Promise<(GroupRow & { role: MemberRole })[]> {
  return db<(GroupRow & { role: MemberRole })[]>`
    select g.id, g.name_ar, g.name_en, g.created_at, g.sides, g.digits, m.role
    from groups g join memberships m on m.group_id = g.id and m.user_id = ${userId}
    order by g.created_at, g.id`;
}

/**
 * The group's row, locked until the transaction ends, and whether any of its meetings is
 * circulated. Every meeting row is share-locked (not only the circulated ones: a circulation
 * being committed is waited for and then seen; one that starts after waits for this).
 */
export async function lockGroupForSides(db: Queryable, id: string): Promise<{ group: GroupRow; circulated: boolean } | undefined> {
  if (!isUuid(id)) return undefined;
  const [group] = await db<GroupRow[]>`select id, name_ar, name_en, created_at, sides, digits from groups where id = ${id} for update`;
  if (!group) return undefined;
  const meetings = await db<{ status: string }[]>`select status from meetings where group_id = ${id} for share`;
  return { group, circulated: meetings.some((m) => m.status === 'circulated') };
}

/** The first of `keys` a member of the group belongs to, or that approved any of its minutes. */
export async function sideInUse(db: Queryable, groupId: string, keys: string[]): Promise<string | undefined> {
  if (keys.length === 0) return undefined;
  const [row] = await db<{ side: string }[]>`
    select side from memberships where group_id = ${groupId} and side = any(${keys})
    union all
    select a.side from approvals a join meetings m on m.id = a.meeting_id where m.group_id = ${groupId} and a.side = any(${keys})
    limit 1`;
  return row?.side;
}
