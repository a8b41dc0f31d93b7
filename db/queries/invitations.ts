import type { Fragment } from 'postgres';
import { isUuid } from '../../shared/ids.js';
import type { Queryable } from '../client.js';

export interface InvitationRow {
  id: string;
  tokenHash: string;
  email: string;
  isAdmin: boolean;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface OutstandingInvitationRow {
  id: string;
  email: string;
  isAdmin: boolean;
  createdAt: Date;
  expiresAt: Date;
  createdBy: string;
  createdByName: string;
}

export async function insertInvitation(
  db: Queryable,
  input: { tokenHash: string; email: string; isAdmin: boolean; createdBy: string; expiresAt: Date },
): Promise<string> {
  const [row] = await db<{ id: string }[]>`
    insert into invitations (token_hash, email, is_admin, created_by, expires_at)
    values (${input.tokenHash}, ${input.email}, ${input.isAdmin}, ${input.createdBy}, ${input.expiresAt})
    returning id`;
  return row!.id;
}

/**
 * Can still be accepted: unused, not revoked, not expired. An invitation carries the authority
 * of whoever made it and ends with it: a maker who stops being an enabled admin has theirs
 * revoked in the same transaction (revokeInvitationsOf), so this needs no look at the maker.
 */
function usable(db: Queryable): Fragment {
  return db`i.used_at is null and i.revoked_at is null and i.expires_at > now()`;
}

/** The invitation if it can still be accepted; marks nothing. */
export async function findUsableInvitation(db: Queryable, tokenHash: string): Promise<InvitationRow | undefined> {
  const [row] = await db<InvitationRow[]>`
    select i.id, i.token_hash, i.email, i.is_admin, i.expires_at, i.used_at from invitations i
    where i.token_hash = ${tokenHash} and ${usable(db)}`;
  return row;
}

/** Marks a usable invitation used and returns it; single use even under concurrent accepts. */
export async function consumeInvitation(db: Queryable, tokenHash: string): Promise<InvitationRow | undefined> {
  const [row] = await db<InvitationRow[]>`
    update invitations i set used_at = now()
    where i.token_hash = ${tokenHash} and ${usable(db)}
    returning i.id, i.token_hash, i.email, i.is_admin, i.expires_at, i.used_at`;
  return row;
}

/** The invitations that can still be accepted, newest first. */
export async function listOutstandingInvitations(db: Queryable): Promise<OutstandingInvitationRow[]> {
  return db<OutstandingInvitationRow[]>`
    select i.id, i.email, i.is_admin, i.created_at, i.expires_at, i.created_by, c.name as created_by_name
    from invitations i join users c on c.id = i.created_by
    where ${usable(db)}
    order by i.created_at desc, i.id`;
}

/**
 * Revokes every invitation `makerId` made that is still outstanding: they lost the rights behind
 * them. Written down, not only checked at acceptance: an admin re-enabled later would otherwise
 * bring their old links back to life.
 */
export async function revokeInvitationsOf(db: Queryable, makerId: string): Promise<{ id: string; email: string }[]> {
  return db<{ id: string; email: string }[]>`
    update invitations set revoked_at = now()
    where created_by = ${makerId} and used_at is null and revoked_at is null and expires_at > now()
    returning id, email`;
}

/** Revokes an invitation that could still be accepted; undefined if there is none by that id. */
export async function revokeInvitation(db: Queryable, id: string): Promise<{ email: string } | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db<{ email: string }[]>`
    update invitations i set revoked_at = now()
    where i.id = ${id} and ${usable(db)}
    returning i.email`;
  return row;
}
