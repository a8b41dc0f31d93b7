import type { GroupDto } from '../../../shared/api/groups.js';
import { appendAudit } from '../../../db/queries/auditLog.js';
import { insertGroup, listGroups, listGroupsOfUser } from '../../../db/queries/groups.js';
import type { Actor } from '../auth/authenticate.js';
import type { AppContext } from '../context.js';
import { presentGroup } from '../presenters/group.js';

export async function createGroup(ctx: AppContext, actor: Actor, input: { nameAr: string; nameEn: string }, ip: string): Promise<GroupDto> {
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
