import type { MeDto, SessionDto, UserDto } from '../../../shared/api/auth.js';
import type { SessionRow } from '../../../db/queries/sessions.js';
import type { UserRow } from '../../../db/queries/users.js';

export function presentMe(user: UserRow): MeDto {
  return { id: user.id, email: user.email, name: user.name, isAdmin: user.isAdmin, locale: user.locale };
}

export function presentUser(user: UserRow): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isAdmin: user.isAdmin,
    disabled: user.disabled,
    createdAt: user.createdAt.toISOString(),
  };
}

export function presentSession(session: SessionRow, idleMinutes: number): SessionDto {
  return {
    id: session.id,
    userId: session.userId,
    createdAt: session.createdAt.toISOString(),
    lastSeenAt: session.lastSeenAt.toISOString(),
    expiresAt: new Date(session.lastSeenAt.getTime() + idleMinutes * 60_000).toISOString(),
  };
}
