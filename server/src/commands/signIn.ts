import { appendAudit } from '../../../db/queries/auditLog.js';
import { knownLoginPlace, rememberLoginPlaces } from '../../../db/queries/loginPlaces.js';
import { insertSession } from '../../../db/queries/sessions.js';
import { findUserByEmail, type UserRow } from '../../../db/queries/users.js';
import type { LimitScope } from '../auth/loginGuard.js';
import { verifyPassword } from '../auth/password.js';
import { newToken, tokenHash } from '../auth/tokens.js';
import type { AppContext } from '../context.js';
import { tryAgainLater, unauthenticated, type DomainError } from '../errors.js';

const WRONG = 'The email or password is not correct.';
/** A place not used for this long is not known any more. */
const PLACE_DAYS = 90;

/** Opens a session for a user; returns the cookie token. */
/** A new session of `user` as read (its password, checked; not disabled), else 401. */
export async function openSession(ctx: AppContext, user: UserRow): Promise<string> {
  const token = newToken();
  if (!(await insertSession(ctx.db.sql, tokenHash(token), user.id, user.passwordHash))) throw unauthenticated(WRONG, 'sign_in_failed');
  return token;
}

export interface SignInFrom {
  ip: string;
  /** The browser's device cookie, if it has one. */
  deviceToken?: string;
}

const addressPlace = (ip: string) => `ip:${ip}`;
const devicePlace = (token: string) => `device:${tokenHash(token)}`;

function tooMany(waitMs: number): DomainError {
  return tryAgainLater('rate_limited', 'Too many failed sign-ins.', waitMs / 1000, { code: 'sign_in_rate_limited' });
}

/**
 * Checks credentials under the limits of `LoginGuard`. The same message for an unknown email, a
 * wrong password and a disabled account: nothing tells which part was wrong. Returns the session
 * token and the device token to keep in the browser.
 */
export async function signIn(
  ctx: AppContext,
  email: string,
  password: string,
  from: SignInFrom,
): Promise<{ token: string; deviceToken: string }> {
  const guard = ctx.loginGuard;
  const address = addressPlace(from.ip);
  // Without a device cookie only the address can make the attempt known, and its place must
  // not be waiting: refuse floods here, before any database work.
  if (!from.deviceToken) {
    const wait = guard.placeWaitMs(email, address);
    if (wait > 0) throw tooMany(wait);
  }
  const user = await findUserByEmail(ctx.db.sql, email);
  const device = from.deviceToken ? devicePlace(from.deviceToken) : undefined;
  const candidates = device ? [device, address] : [address];
  const known = user ? await knownLoginPlace(ctx.db.sql, user.id, candidates, PLACE_DAYS) : undefined;
  const admission = guard.admit({ email, address: from.ip, place: known ?? address, known: known !== undefined });
  if (!admission.ok) throw tooMany(admission.waitMs);

  let ok = false;
  try {
    ok = user ? (await verifyPassword(password, user.passwordHash)) && !user.disabled : await ctx.passwords.verifyUnknown(password);
  } finally {
    const started = guard.settle(admission.ticket, ok);
    if (started.length > 0) await auditLimited(ctx, email, from.ip, started);
  }
  if (!user || !ok) {
    await appendAudit(ctx.db.sql, { actorId: user?.id ?? null, action: 'auth.login_failed', target: email, ip: from.ip });
    throw unauthenticated(WRONG, 'sign_in_failed');
  }
  // First: it may still refuse (the password changed meanwhile), and then nothing is recorded.
  const token = await openSession(ctx, user);
  const deviceToken = from.deviceToken ?? newToken();
  await rememberLoginPlaces(ctx.db.sql, user.id, [address, devicePlace(deviceToken)], PLACE_DAYS);
  await appendAudit(ctx.db.sql, { actorId: user.id, action: 'auth.login', target: user.id, ip: from.ip });
  return { token, deviceToken };
}

/** Once per limit reached, not per refused attempt: a flood must not flood the audit log. */
async function auditLimited(ctx: AppContext, email: string, ip: string, scopes: LimitScope[]): Promise<void> {
  ctx.log.warn('auth.login_rate_limited', { email, ip, scopes });
  await appendAudit(ctx.db.sql, { actorId: null, action: 'auth.login_rate_limited', target: email, details: { scopes }, ip });
}
