import type { Locale } from '../../shared/api/auth.js';
import { isUuid } from '../../shared/ids.js';
import type { Queryable } from '../client.js';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  isAdmin: boolean;
  disabled: boolean;
  /** Chosen by the user; null until they choose (their browser's languages decide). */
  locale: Locale | null;
  createdAt: Date;
}

const columns = (db: Queryable) => db`id, email, name, password_hash, is_admin, disabled, locale, created_at`;

export async function insertUser(
  db: Queryable,
  input: { email: string; name: string; passwordHash: string; isAdmin: boolean },
): Promise<UserRow | undefined> {
  const [row] = await db<UserRow[]>`
    insert into users (email, name, password_hash, is_admin)
    values (${input.email}, ${input.name}, ${input.passwordHash}, ${input.isAdmin})
    on conflict (email) do nothing
    returning ${columns(db)}`;
  return row;
}

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  const [row] = await db<UserRow[]>`select ${columns(db)} from users where email = ${email}`;
  return row;
}

export async function findUser(db: Queryable, id: string): Promise<UserRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db<UserRow[]>`select ${columns(db)} from users where id = ${id}`;
  return row;
}

export async function listUsers(db: Queryable): Promise<UserRow[]> {
  return db<UserRow[]>`select ${columns(db)} from users order by created_at, id`;
}

export async function countUsers(db: Queryable): Promise<number> {
  const [row] = await db<{ n: number }[]>`select count(*)::int as n from users`;
  return row!.n;
}

/**
 * Locks the enabled admins' rows until the end of the transaction and returns their ids, so that
 * two admins taking each other's rights at once cannot each see the other one left.
 */
export async function lockActiveAdmins(tx: Queryable): Promise<string[]> {
  // Not `for update`: that would also hold off sign-ins meanwhile (a new session's foreign key
  // takes a key-share lock on its user).
  const rows = await tx<{ id: string }[]>`select id from users where is_admin and not disabled order by id for no key update`;
  return rows.map((r) => r.id);
}

export async function updateUser(
  db: Queryable,
  id: string,
  patch: { name?: string; passwordHash?: string; isAdmin?: boolean; disabled?: boolean; locale?: Locale },
): Promise<UserRow | undefined> {
  const set: Record<string, unknown> = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.passwordHash !== undefined) set.password_hash = patch.passwordHash;
  if (patch.isAdmin !== undefined) set.is_admin = patch.isAdmin;
  if (patch.disabled !== undefined) set.disabled = patch.disabled;
  if (patch.locale !== undefined) set.locale = patch.locale;
  if (Object.keys(set).length === 0) return findUser(db, id);
  const [row] = await db<UserRow[]>`update users set ${db(set)}, updated_at = now() where id = ${id} returning ${columns(db)}`;
  return row;
}
