import { SESSION_COOKIE } from '../../../shared/api/auth.js';
import type { Queryable } from '../../../db/client.js';
import { findLiveSession, touchSession } from '../../../db/queries/sessions.js';
import type { UserRow } from '../../../db/queries/users.js';
import { tokenHash } from './tokens.js';

/** Who is making a request. */
export interface Actor {
  user: UserRow;
  sessionId: string;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The actor of a request from its session cookie (REST, collab upgrade, socket.io alike). */
export async function authenticate(db: Queryable, cookieHeader: string | undefined, idleMinutes: number): Promise<Actor | undefined> {
  const token = readCookie(cookieHeader, SESSION_COOKIE);
  if (!token || token.length > 200) return undefined;
  const id = tokenHash(token);
  const found = await findLiveSession(db, id, idleMinutes);
  if (!found) return undefined;
  await touchSession(db, id);
  return { user: found.user, sessionId: id };
}
