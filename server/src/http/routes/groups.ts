import type { Router } from 'express';
import { CreateGroupBody, SetMemberBody, UpdateGroupBody } from '../../../../shared/api/groups.js';
import { listMembers } from '../../../../db/queries/memberships.js';
import { requireGroup } from '../../auth/policies.js';
import { changeGroup, createGroup, visibleGroups } from '../../commands/groups.js';
import { removeMember, setMember } from '../../commands/members.js';
import type { AppContext } from '../../context.js';
import { presentGroup } from '../../presenters/group.js';
import { clientIp, route } from '../route.js';
import { parse } from '../validate.js';

export function groupRoutes(router: Router, ctx: AppContext): void {
  route(router, ctx, 'get', '/groups', 'user', async ({ actor }) => ({ body: await visibleGroups(ctx, actor) }));

  route(router, ctx, 'post', '/groups', 'admin', async ({ req, actor }) => ({
    status: 201,
    body: await createGroup(ctx, actor, parse(CreateGroupBody, req.body), clientIp(req)),
  }));

  route(router, ctx, 'get', '/groups/:groupId', 'user', async ({ req, actor }) => {
    const { group, role } = await requireGroup(ctx.db.sql, actor, String(req.params.groupId), 'read');
    return { body: presentGroup(group, role) };
  });

  route(router, ctx, 'patch', '/groups/:groupId', 'user', async ({ req, actor }) => {
    const { group, role } = await requireGroup(ctx.db.sql, actor, String(req.params.groupId), 'manage');
    const updated = await changeGroup(ctx, actor.user.id, group.id, parse(UpdateGroupBody, req.body), clientIp(req));
    return { body: presentGroup(updated, role) };
  });

  route(router, ctx, 'get', '/groups/:groupId/members', 'user', async ({ req, actor }) => {
    const { group } = await requireGroup(ctx.db.sql, actor, String(req.params.groupId), 'read');
    return { body: await listMembers(ctx.db.sql, group.id) };
  });

  route(router, ctx, 'put', '/groups/:groupId/members/:userId', 'user', async ({ req, actor }) => {
    const { group } = await requireGroup(ctx.db.sql, actor, String(req.params.groupId), 'manage');
    return { body: await setMember(ctx, actor.user.id, group.id, String(req.params.userId), parse(SetMemberBody, req.body), clientIp(req)) };
  });

  route(router, ctx, 'delete', '/groups/:groupId/members/:userId', 'user', async ({ req, actor }) => {
    const { group } = await requireGroup(ctx.db.sql, actor, String(req.params.groupId), 'manage');
    await removeMember(ctx, actor.user.id, group.id, String(req.params.userId), clientIp(req));
  });
}
