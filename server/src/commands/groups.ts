import type { CreateGroupBody, GroupDto, UpdateGroupBody } from '../../../shared/api/groups.js';
import { appendAudit } from '../../../db/queries/auditLog.js';
import type { Side } from '../../../shared/api/groups.js';
import type { Queryable } from '../../../db/client.js';
import { insertGroup, listGroups, listGroupsOfUser, lockGroupForSides, sideInUse, updateGroup } from '../../../db/queries/groups.js';
import type { Actor } from '../auth/authenticate.js';
import type { AppContext } from '../context.js';
import { coded, conflict, notFound } from '../errors.js';
import { presentGroup } from '../presenters/group.js';

export async function createGroup(ctx: AppContext, actor: Actor, input: CreateGroupBody, ip: string): Promise<GroupDto> {
  const group = await ctx.db.sql.begin(async (tx) => {
    const row = await insertGroup(tx, input);
    await appendAudit(tx, { actorId: actor.user.id, action: 'group.create', target: row.id, details: input, ip });
    return row;
  });
  return presentGroup(group, null);
}

/** Admins see every group; everyone else the groups they are a member of. */
export async function visibleGroups(ctx: AppContext, actor: Actor): Promise<GroupDto[]> {
  const mine = await listGroupsOfUser(ctx.db.sql, actor.user.id);
  if (!actor.user.isAdmin) return mine.map((g) => presentGroup(g, g.role));
  const roles = new Map(mine.map((g) => [g.id, g.role]));
  return (await listGroups(ctx.db.sql)).map((g) => presentGroup(g, roles.get(g.id) ?? null));
}

/**
 * Names and sides (the parties whose heads of delegation approve the minutes). Which parties
 * there are may not change while minutes are being agreed (circulated), and a side stays while
 * members belong to it or the approval of any of the group's minutes names it (the approved
 * record prints it). Its names may change at any time.
 */
export async function changeGroup(ctx: AppContext, actorId: string, groupId: string, patch: UpdateGroupBody, ip: string) {
  const group = await ctx.db.sql.begin(async (tx) => {
    if (patch.sides) await checkSidesChange(tx, groupId, patch.sides);
    const row = await updateGroup(tx, groupId, patch);
    if (!row) throw notFound('Working group');
    await appendAudit(tx, { actorId, action: 'group.update', target: groupId, details: patch, ip });
    return row;
  });
  return group;
}

async function checkSidesChange(tx: Queryable, groupId: string, sides: Side[]): Promise<void> {
  const locked = await lockGroupForSides(tx, groupId);
  if (!locked) throw notFound('Working group');
  const before = new Set(locked.group.sides.map((s) => s.key));
  const after = new Set(sides.map((s) => s.key));
  const removed = [...before].filter((key) => !after.has(key));
  if (locked.circulated && (removed.length > 0 || [...after].some((key) => !before.has(key)))) {
    throw conflict('Sides cannot be added or removed while minutes of the group are circulated.', 'sides_in_circulation');
  }
  const used = await sideInUse(tx, groupId, removed);
  if (used) throw coded('conflict', 'side_in_use', `The side ${used} has members or approved minutes of the group.`, { side: used });
}
