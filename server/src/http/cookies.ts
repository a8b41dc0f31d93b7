import type { Response } from 'express';
import { SESSION_COOKIE } from '../../../shared/api/auth.js';
import type { AppContext } from '../context.js';

const MAX_AGE_SECONDS = 30 * 24 * 3600;

/** httpOnly + SameSite=Lax; Secure when served over https. Idle expiry is enforced server-side. */
export function setSessionCookie(ctx: AppContext, res: Response, token: string): void {
  res.cookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.publicUrl?.startsWith('https:') ?? false,
    path: '/',
    maxAge: MAX_AGE_SECONDS * 1000,
  });
}

export function clearSessionCookie(ctx: AppContext, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: ctx.config.publicUrl?.startsWith('https:') ?? false, path: '/' });
}
