import type { Router } from 'express';
import { AcceptInvitationBody, LoginBody, PreferencesBody, SetupBody, type SetupStatusDto } from '../../../../shared/api/auth.js';
import { countUsers } from '../../../../db/queries/users.js';
import { acceptInvitation } from '../../commands/invitations.js';
import { endSession } from '../../commands/sessions.js';
import { openSession, signIn } from '../../commands/signIn.js';
import { createFirstAdmin, setLocale } from '../../commands/users.js';
import { readCookie } from '../../auth/authenticate.js';
import type { AppContext } from '../../context.js';
import { presentMe } from '../../presenters/user.js';
import { clearSessionCookie, DEVICE_COOKIE, setDeviceCookie, setSessionCookie } from '../cookies.js';
import { clientIp, route } from '../route.js';
import { parse } from '../validate.js';

export function authRoutes(router: Router, ctx: AppContext): void {
  route(router, ctx, 'get', '/setup', 'public', async () => {
    const body: SetupStatusDto = { needed: (await countUsers(ctx.db.sql)) === 0 };
    return { body };
  });

  route(router, ctx, 'post', '/setup', 'public', async ({ req, res }) => {
    const input = parse(SetupBody, req.body);
    const user = await createFirstAdmin(ctx, input, clientIp(req));
    setSessionCookie(ctx, res, await openSession(ctx, user));
    return { status: 201, body: presentMe(user, req.headers['accept-language']) };
  });

  route(router, ctx, 'post', '/auth/login', 'public', async ({ req, res }) => {
    const { email, password } = parse(LoginBody, req.body);
    const device = readCookie(req.headers.cookie, DEVICE_COOKIE);
    const { token, deviceToken } = await signIn(ctx, email, password, {
      ip: clientIp(req),
      deviceToken: device && device.length <= 200 ? device : undefined,
    });
    setSessionCookie(ctx, res, token);
    if (deviceToken !== device) setDeviceCookie(ctx, res, deviceToken);
  });

  route(router, ctx, 'post', '/auth/logout', 'public', async ({ req, res, actor }) => {
    if (actor) {
      await endSession(ctx, actor.sessionId, 'You signed out.', { actorId: actor.user.id, action: 'auth.logout', target: actor.user.id, ip: clientIp(req) });
    }
    clearSessionCookie(ctx, res);
  });

  route(router, ctx, 'get', '/me', 'user', async ({ req, actor }) => ({ body: presentMe(actor.user, req.headers['accept-language']) }));

  route(router, ctx, 'put', '/me/preferences', 'user', async ({ req, actor }) => {
    const { locale } = parse(PreferencesBody, req.body);
    return { body: presentMe(await setLocale(ctx, actor.user.id, locale), req.headers['accept-language']) };
  });

  route(router, ctx, 'post', '/invitations/:token/accept', 'public', async ({ req, res }) => {
    const input = parse(AcceptInvitationBody, req.body);
    const user = await acceptInvitation(ctx, String(req.params.token), input, clientIp(req));
    setSessionCookie(ctx, res, await openSession(ctx, user));
  });
}
