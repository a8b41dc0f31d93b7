import type { Locale, MeDto, OutstandingInvitationDto, SessionDto, UserDto } from '../../../shared/api/auth.js';
import type { OutstandingInvitationRow } from '../../../db/queries/invitations.js';
import { acceptedLanguages, localeForLanguages } from '../../../shared/api/locale.js';
import type { SessionRow } from '../../../db/queries/sessions.js';
import type { UserRow } from '../../../db/queries/users.js';

/** The user's interface language: their choice, else what their browser asks for. */
export function localeOf(user: Pick<UserRow, 'locale'>, acceptLanguage: string | undefined): Locale {
  return user.locale ?? localeForLanguages(acceptedLanguages(acceptLanguage));
}

export function presentMe(user: UserRow, acceptLanguage: string | undefined): MeDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    isAdmin: user.isAdmin,
    locale: localeOf(user, acceptLanguage),
    localeChosen: user.locale !== null,
  };
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

export function presentInvitation(row: OutstandingInvitationRow): OutstandingInvitationDto {
  return {
    id: row.id,
    email: row.email,
    isAdmin: row.isAdmin,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    createdBy: { id: row.createdBy, name: row.createdByName },
  };
}
