import { appendAudit } from '../../../db/queries/auditLog.js';
import { insertSession } from '../../../db/queries/sessions.js';
import { findUserByEmail, type UserRow } from '../../../db/queries/users.js';
import { verifyAgainstDummy, verifyPassword } from '../auth/password.js';
import { newToken, tokenHash } from '../auth/tokens.js';
import type { AppContext } from '../context.js';
import { DomainError } from '../errors.js';

const WRONG = 'The email or password is not correct.';

/** Opens a session for a user; returns the cookie token. */
export async function openSession(ctx: AppContext, user: UserRow): Promise<string> {
  const token = newToken();
  await insertSession(ctx.db.sql, tokenHash(token), user.id);
  return token;
}

/**
 * Checks credentials under per-account and per-IP failure limits. The same message for an
 * unknown email, a wrong password and a disabled account: nothing tells which part was wrong.
 */
export async function signIn(ctx: AppContext, email: string, password: string, ip: string): Promise<string> {
  const { byAccount, byIp } = ctx.loginLimits;
  const wait = Math.max(byAccount.retryAfterMs(email), byIp.retryAfterMs(ip));
  if (wait > 0) {
    await appendAudit(ctx.db.sql, { actorId: null, action: 'auth.login_rate_limited', target: email, ip });
    throw new DomainError('rate_limited', `Too many failed sign-ins. Try again in ${Math.ceil(wait / 1000)} seconds.`);
  }
  const user = await findUserByEmail(ctx.db.sql, email);
  const ok = user ? await verifyPassword(password, user.passwordHash) : await verifyAgainstDummy(password);
  if (!user || !ok || user.disabled) {
    byAccount.fail(email);
    byIp.fail(ip);
    await appendAudit(ctx.db.sql, { actorId: user?.id ?? null, action: 'auth.login_failed', target: email, ip });
    throw new DomainError('unauthenticated', WRONG);
  }
  byAccount.reset(email);
  await appendAudit(ctx.db.sql, { actorId: user.id, action: 'auth.login', target: user.id, ip });
  return openSession(ctx, user);
}
