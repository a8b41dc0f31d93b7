import type { Queryable } from '../client.js';

export interface InvitationRow {
  tokenHash: string;
  email: string;
  isAdmin: boolean;
  expiresAt: Date;
  usedAt: Date | null;
}

export async function insertInvitation(
  db: Queryable,
  input: { tokenHash: string; email: string; isAdmin: boolean; createdBy: string; expiresAt: Date },
): Promise<void> {
  await db`
    insert into invitations (token_hash, email, is_admin, created_by, expires_at)
    values (${input.tokenHash}, ${input.email}, ${input.isAdmin}, ${input.createdBy}, ${input.expiresAt})`;
}

/** The invitation if it can still be accepted (unused, not expired); marks nothing. */
export async function findUsableInvitation(db: Queryable, tokenHash: string): Promise<InvitationRow | undefined> {
  const [row] = await db<InvitationRow[]>`
    select token_hash, email, is_admin, expires_at, used_at from invitations
    where token_hash = ${tokenHash} and used_at is null and expires_at > now()`;
  return row;
}

/** Marks a valid invitation used and returns it; single use even under concurrent accepts. */
export async function consumeInvitation(db: Queryable, tokenHash: string): Promise<InvitationRow | undefined> {
  const [row] = await db<InvitationRow[]>`
    update invitations set used_at = now()
    where token_hash = ${tokenHash} and used_at is null and expires_at > now()
    returning token_hash, email, is_admin, expires_at, used_at`;
  return row;
}
