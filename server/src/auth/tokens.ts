import { createHash, randomBytes } from 'node:crypto';

/** A random bearer secret (session cookie, invitation link). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database stores instead of the secret itself. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
