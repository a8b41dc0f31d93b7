import type { Router } from 'express';
import { CreateInvitationBody, CreateUserBody, UpdateUserBody, UserLookupQuery } from '../../../../shared/api/auth.js';
import { AuditQuery } from '../../../../shared/api/audit.js';
import { listAudit } from '../../../../db/queries/auditLog.js';
import { findSession, listLiveSessionsOfUser } from '../../../../db/queries/sessions.js';
import { rolesOfUser } from '../../../../db/queries/memberships.js';
import { findUser, findUserByEmail, listUsers } from '../../../../db/queries/users.js';
import { listOutstandingInvitations } from '../../../../db/queries/invitations.js';
import { cancelInvitation, createInvitation } from '../../commands/invitations.js';
import { endSession } from '../../commands/sessions.js';
import { changeUser, createUser } from '../../commands/users.js';
import type { AppContext } from '../../context.js';
import { forbidden, notFound } from '../../errors.js';
import { presentAuditEntry } from '../../presenters/audit.js';
import { presentInvitation, presentSession, presentUser } from '../../presenters/user.js';
import { clientIp, route } from '../route.js';
import { parse } from '../validate.js';

/** Admin-only: accounts, invitations, sessions, audit log. */
export function userRoutes(router: Router, ctx: AppContext): void {
  route(router, ctx, 'get', '/users', 'admin', async () => ({ body: (await listUsers(ctx.db.sql)).map(presentUser) }));

  // Secretaries add members by exact email; listing all accounts stays with admins.
  route(router, ctx, 'get', '/users/lookup', 'user', async ({ req, actor }) => {
    const { email } = parse(UserLookupQuery, req.query, 'query');
    if (!actor.user.isAdmin && ![...(await rolesOfUser(ctx.db.sql, actor.user.id)).values()].includes('secretary')) {
      throw forbidden('Only secretaries and admins can look up accounts.', 'secretary_only');
    }
    const user = await findUserByEmail(ctx.db.sql, email);
    if (!user || user.disabled) throw notFound('User');
    return { body: { id: user.id, email: user.email, name: user.name } };
  });

  route(router, ctx, 'post', '/users', 'admin', async ({ req, actor }) => {
    const user = await createUser(ctx, actor.user.id, parse(CreateUserBody, req.body), clientIp(req));
    return { status: 201, body: { id: user.id } };
  });

  route(router, ctx, 'patch', '/users/:userId', 'admin', async ({ req, actor }) => {
    const patch = parse(UpdateUserBody, req.body);
    return { body: presentUser(await changeUser(ctx, actor.user.id, String(req.params.userId), patch, clientIp(req))) };
  });

  route(router, ctx, 'get', '/users/:userId/sessions', 'admin', async ({ req }) => {
    const user = await findUser(ctx.db.sql, String(req.params.userId));
    if (!user) throw notFound('User');
    const sessions = await listLiveSessionsOfUser(ctx.db.sql, user.id, ctx.config.sessionIdleMinutes);
    return { body: sessions.map((s) => presentSession(s, ctx.config.sessionIdleMinutes)) };
  });

  route(router, ctx, 'delete', '/sessions/:sessionId', 'admin', async ({ req, actor }) => {
    const session = await findSession(ctx.db.sql, String(req.params.sessionId));
    if (!session) throw notFound('Session');
    await endSession(ctx, session.id, 'Your session was ended by an admin.', { actorId: actor.user.id, action: 'session.revoke', target: session.userId, ip: clientIp(req) });
  });

  route(router, ctx, 'post', '/invitations', 'admin', async ({ req, actor }) => {
    const input = parse(CreateInvitationBody, req.body);
    return { status: 201, body: await createInvitation(ctx, actor.user.id, input, clientIp(req)) };
  });

  route(router, ctx, 'get', '/invitations', 'admin', async () => ({
    body: (await listOutstandingInvitations(ctx.db.sql)).map(presentInvitation),
  }));

  route(router, ctx, 'delete', '/invitations/:invitationId', 'admin', async ({ req, actor }) => {
    await cancelInvitation(ctx, actor.user.id, String(req.params.invitationId), clientIp(req));
  });

  route(router, ctx, 'get', '/audit', 'admin', async ({ req }) => ({
    body: (await listAudit(ctx.db.sql, parse(AuditQuery, req.query, 'query'))).map(presentAuditEntry),
  }));
}
