import { z } from 'zod';

export const LOCALES = ['ar', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

// Deliberately loose: intranet addresses such as `secretariat@mofa` are real addresses here.
const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+$/, 'expected an email address');
/** NIST SP 800-63B's minimum; bytes beyond 1024 only cost hashing time. */
const password = z.string().min(8, 'at least 8 characters').max(1024);
const name = z.string().trim().min(1).max(200);

export const LoginBody = z.object({ email: z.string().trim().toLowerCase().max(320), password: z.string().max(1024) }).strict();
export const SetupBody = z.object({ email, name, password }).strict();
export const CreateUserBody = z
  .object({ email, name, password, isAdmin: z.boolean().default(false) })
  .strict();
export const UpdateUserBody = z
  .object({ name, password, isAdmin: z.boolean(), disabled: z.boolean() })
  .partial()
  .strict();
export const CreateInvitationBody = z
  .object({ email, isAdmin: z.boolean().default(false), expiresInHours: z.number().int().min(1).max(24 * 30).default(72) })
  .strict();
export const AcceptInvitationBody = z.object({ name, password }).strict();
export const UserLookupQuery = z.object({ email: z.string().trim().toLowerCase().max(320) }).strict();
export const PreferencesBody = z.object({ locale: z.enum(LOCALES) }).strict();

export interface MeDto {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  /** The interface language: the user's choice, else their browser's (`Accept-Language`). */
  locale: Locale;
  /** Whether `locale` is the user's own choice (`PUT /api/me/preferences`). */
  localeChosen: boolean;
}

export interface UserDto {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  disabled: boolean;
  createdAt: string;
}

export interface SetupStatusDto {
  /** True until the first admin exists: the browser shows the setup page. */
  needed: boolean;
}

export interface InvitationDto {
  id: string;
  token: string;
  /** Path to open in the browser to accept (`/invite/:token`). */
  path: string;
  email: string;
  expiresAt: string;
}

/** An invitation that can still be accepted (`GET /api/invitations`); its link is not shown again. */
export interface OutstandingInvitationDto {
  id: string;
  email: string;
  isAdmin: boolean;
  createdAt: string;
  expiresAt: string;
  /** Who made it: it stays valid only while they are an enabled admin. */
  createdBy: { id: string; name: string };
}

export interface SessionDto {
  id: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

/** Name of the httpOnly session cookie. */
export const SESSION_COOKIE = 'mahdar_session';
