import type { InvitationDto } from '../../../shared/api/auth.js';
import { appendAudit } from '../../../db/queries/auditLog.js';
import { consumeInvitation, insertInvitation } from '../../../db/queries/invitations.js';
import { insertUser, type UserRow } from '../../../db/queries/users.js';
import { hashPassword } from '../auth/password.js';
import { newToken, tokenHash } from '../auth/tokens.js';
import type { AppContext } from '../context.js';
import { DomainError } from '../errors.js';

export async function createInvitation(
  ctx: AppContext,
  actorId: string,
  input: { email: string; isAdmin: boolean; expiresInHours: number },
  ip: string,
): Promise<InvitationDto> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + input.expiresInHours * 3600_000);
  await insertInvitation(ctx.db.sql, { tokenHash: tokenHash(token), email: input.email, isAdmin: input.isAdmin, createdBy: actorId, expiresAt });
  await appendAudit(ctx.db.sql, { actorId, action: 'invitation.create', target: input.email, details: { isAdmin: input.isAdmin, expiresAt }, ip });
  return { token, path: `/invite/${token}`, email: input.email, expiresAt: expiresAt.toISOString() };
}

/** Single use, expiring: the account is created with the invited email and the chosen password. */
export async function acceptInvitation(
  ctx: AppContext,
  token: string,
  input: { name: string; password: string },
  ip: string,
): Promise<UserRow> {
  const passwordHash = await hashPassword(input.password);
  return ctx.db.sql.begin(async (tx) => {
    const invitation = await consumeInvitation(tx, tokenHash(token));
    if (!invitation) throw new DomainError('not_found', 'This invitation link is not valid any more.');
    const user = await insertUser(tx, { email: invitation.email, name: input.name, passwordHash, isAdmin: invitation.isAdmin });
    if (!user) throw new DomainError('conflict', 'An account with this email already exists.');
    await appendAudit(tx, { actorId: user.id, action: 'user.create', target: user.id, details: { email: user.email, via: 'invitation' }, ip });
    return user;
  });
}
