import type { InvitationDto } from '../../../shared/api/auth.js';
import { appendAudit } from '../../../db/queries/auditLog.js';
import { consumeInvitation, findUsableInvitation, insertInvitation, revokeInvitation } from '../../../db/queries/invitations.js';
import { findUserByEmail, insertUser, type UserRow } from '../../../db/queries/users.js';
import { newToken, tokenHash } from '../auth/tokens.js';
import type { AppContext } from '../context.js';
import { conflict, DomainError, notFound, tryAgainLater } from '../errors.js';

export async function createInvitation(
  ctx: AppContext,
  actorId: string,
  input: { email: string; isAdmin: boolean; expiresInHours: number },
  ip: string,
): Promise<InvitationDto> {
  // Said now, to the admin making the link, rather than to the invitee when it cannot be used.
  if (await findUserByEmail(ctx.db.sql, input.email)) throw conflict('An account with this email already exists.', 'email_taken');
  const token = newToken();
  const expiresAt = new Date(Date.now() + input.expiresInHours * 3600_000);
  const id = await ctx.db.sql.begin(async (tx) => {
    const made = await insertInvitation(tx, { tokenHash: tokenHash(token), email: input.email, isAdmin: input.isAdmin, createdBy: actorId, expiresAt });
    await appendAudit(tx, { actorId, action: 'invitation.create', target: input.email, details: { id: made, isAdmin: input.isAdmin, expiresAt }, ip });
    return made;
  });
  return { id, token, path: `/invite/${token}`, email: input.email, expiresAt: expiresAt.toISOString() };
}

/** The link stops working at once; an accepted, expired or already revoked invitation is not found. */
export async function cancelInvitation(ctx: AppContext, actorId: string, id: string, ip: string): Promise<void> {
  await ctx.db.sql.begin(async (tx) => {
    const revoked = await revokeInvitation(tx, id);
    if (!revoked) throw notFound('Invitation');
    await appendAudit(tx, { actorId, action: 'invitation.revoke', target: revoked.email, details: { id }, ip });
  });
}

const NOT_VALID = 'This invitation link is not valid any more.';

/**
 * Single use, expiring: the account is created with the invited email and the chosen password.
 * The token is checked before the password is hashed, under a limit per address, so that floods
 * of made-up tokens cost one indexed lookup each and cannot starve sign-ins of CPU.
 */
export async function acceptInvitation(
  ctx: AppContext,
  token: string,
  input: { name: string; password: string },
  ip: string,
): Promise<UserRow> {
  const wait = ctx.loginGuard.admitInvitation(ip);
  if (wait > 0) throw tryAgainLater('rate_limited', 'Too many invitation links that were not valid.', wait / 1000, { code: 'invitation_rate_limited' });
  const hash = tokenHash(token);
  let usable = false;
  try {
    usable = (await findUsableInvitation(ctx.db.sql, hash)) !== undefined;
  } catch (error) {
    ctx.loginGuard.invitationChecked(ip, true); // not checked: not the sender's failure
    throw error;
  }
  ctx.loginGuard.invitationChecked(ip, usable);
  if (!usable) throw new DomainError('not_found', NOT_VALID, undefined, undefined, { code: 'invitation_not_valid' });
  const passwordHash = await ctx.passwords.hash(input.password);
  return ctx.db.sql.begin(async (tx) => {
    // Consumed only now, atomically: of two concurrent accepts one wins.
    const invitation = await consumeInvitation(tx, hash);
    if (!invitation) throw new DomainError('not_found', NOT_VALID, undefined, undefined, { code: 'invitation_not_valid' });
    const user = await insertUser(tx, { email: invitation.email, name: input.name, passwordHash, isAdmin: invitation.isAdmin });
    if (!user) throw conflict('An account with this email already exists.', 'email_taken');
    await appendAudit(tx, { actorId: user.id, action: 'user.create', target: user.id, details: { email: user.email, via: 'invitation' }, ip });
    return user;
  });
}
