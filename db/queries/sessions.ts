import type { Queryable } from '../client.js';
import type { UserRow } from './users.js';

export interface SessionRow {
  id: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
}

/**
 * Opens a session for a user whose password hash is still `passwordHash` and who is not
 * disabled; false (nothing opened) otherwise: a password checked just before an admin set a new
 * one must not open a session the reset, which ends the existing ones, never sees.
 */
export async function insertSession(db: Queryable, id: string, userId: string, passwordHash: string): Promise<boolean> {
  const rows = await db`
    insert into sessions (id, user_id)
    select ${id}, id from users where id = ${userId} and password_hash = ${passwordHash} and not disabled`;
  return rows.count === 1;
}

/**
 * The live session and its (enabled) user. Idle sessions (not seen for `idleMinutes`) and
 * revoked ones are not returned.
 */
export async function findLiveSession(
  db: Queryable,
  id: string,
  idleMinutes: number,
): Promise<{ session: SessionRow; user: UserRow } | undefined> {
  const [row] = await db<(SessionRow & { user: UserRow })[]>`
    select s.id, s.user_id, s.created_at, s.last_seen_at,
           json_build_object('id', u.id, 'email', u.email, 'name', u.name, 'isAdmin', u.is_admin,
                             'disabled', u.disabled, 'locale', u.locale, 'createdAt', u.created_at) as user
    from sessions s join users u on u.id = s.user_id
    where s.id = ${id} and s.revoked_at is null and not u.disabled
      and s.last_seen_at > now() - make_interval(mins => ${idleMinutes})`;
  if (!row) return undefined;
  const { user, ...session } = row;
  return { session, user: { ...user, createdAt: new Date(user.createdAt), passwordHash: '' } };
}

/** Sliding expiry without a write per request: only touch a session seen over a minute ago. */
export async function touchSession(db: Queryable, id: string): Promise<void> {
  await db`update sessions set last_seen_at = now() where id = ${id} and last_seen_at < now() - interval '1 minute'`;
}

export async function revokeSession(db: Queryable, id: string): Promise<SessionRow | undefined> {
  const [row] = await db<SessionRow[]>`
    update sessions set revoked_at = now() where id = ${id} and revoked_at is null
    returning id, user_id, created_at, last_seen_at`;
  return row;
}

export async function revokeSessionsOfUser(db: Queryable, userId: string): Promise<number> {
  const rows = await db`update sessions set revoked_at = now() where user_id = ${userId} and revoked_at is null returning id`;
  return rows.length;
}

export async function listLiveSessionsOfUser(db: Queryable, userId: string, idleMinutes: number): Promise<SessionRow[]> {
  return db<SessionRow[]>`
    select id, user_id, created_at, last_seen_at from sessions
    where user_id = ${userId} and revoked_at is null and last_seen_at > now() - make_interval(mins => ${idleMinutes})
    order by last_seen_at desc`;
}

export async function findSession(db: Queryable, id: string): Promise<SessionRow | undefined> {
  const [row] = await db<SessionRow[]>`select id, user_id, created_at, last_seen_at from sessions where id = ${id}`;
  return row;
}
