import type { CreateGroupBody, GroupDto, UpdateGroupBody } from '../../../shared/api/groups.js';
import { appendAudit } from '../../../db/queries/auditLog.js';
import { insertGroup, listGroups, listGroupsOfUser, updateGroup } from '../../../db/queries/groups.js';
import type { Actor } from '../auth/authenticate.js';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';
import { presentGroup } from '../presenters/group.js';

export async function createGroup(ctx: AppContext, actor: Actor, input: CreateGroupBody, ip: string): Promise<GroupDto> {
  const group = await insertGroup(ctx.db.sql, input);
  await appendAudit(ctx.db.sql, { actorId: actor.user.id, action: 'group.create', target: group.id, details: input, ip });
  return presentGroup(group, null);
}

/** Admins see every group; everyone else the groups they are a member of. */
export async function visibleGroups(ctx: AppContext, actor: Actor): Promise<GroupDto[]> {
  const mine = await listGroupsOfUser(ctx.db.sql, actor.user.id);
  if (!actor.user.isAdmin) return mine.map((g) => presentGroup(g, g.role));
  const roles = new Map(mine.map((g) => [g.id, g.role]));
  return (await listGroups(ctx.db.sql)).map((g) => presentGroup(g, roles.get(g.id) ?? null));
}

/** Names and sides (the parties whose heads of delegation approve the minutes). */
export async function changeGroup(ctx: AppContext, actorId: string, groupId: string, patch: UpdateGroupBody, ip: string) {
  const group = await ctx.db.sql.begin(async (tx) => {
    const row = await updateGroup(tx, groupId, patch);
    if (!row) throw notFound('Working group');
    await appendAudit(tx, { actorId, action: 'group.update', target: groupId, details: patch, ip });
    return row;
  });
  return group;
}
