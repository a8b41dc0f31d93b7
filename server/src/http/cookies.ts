import type { CookieOptions, Response } from 'express';
import { SESSION_COOKIE } from '../../../shared/api/auth.js';
import type { AppContext } from '../context.js';

const SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600;
/**
 * A random id of the browser, set at the first successful sign-in: sign-ins from a browser an
 * account used before have their own limit, which attacks from elsewhere cannot exhaust.
 */
export const DEVICE_COOKIE = 'mahdar_device';
const DEVICE_MAX_AGE_SECONDS = 365 * 24 * 3600;

/** httpOnly; Secure when served over https. */
function options(ctx: AppContext, sameSite: 'lax' | 'strict', path: string): CookieOptions {
  return { httpOnly: true, sameSite, secure: ctx.config.publicUrl?.startsWith('https:') ?? false, path };
}

/** SameSite=Lax, so that links into the app keep the session. Idle expiry is enforced server-side. */
export function setSessionCookie(ctx: AppContext, res: Response, token: string): void {
  res.cookie(SESSION_COOKIE, token, { ...options(ctx, 'lax', '/'), maxAge: SESSION_MAX_AGE_SECONDS * 1000 });
}

export function clearSessionCookie(ctx: AppContext, res: Response): void {
  res.clearCookie(SESSION_COOKIE, options(ctx, 'lax', '/'));
}

/** Only sign-in reads it: SameSite=Strict, on the auth path. */
export function setDeviceCookie(ctx: AppContext, res: Response, token: string): void {
  res.cookie(DEVICE_COOKIE, token, { ...options(ctx, 'strict', '/api/auth'), maxAge: DEVICE_MAX_AGE_SECONDS * 1000 });
}
