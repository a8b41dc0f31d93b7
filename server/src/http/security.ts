import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { forbidden } from '../errors.js';

// React sets style attributes through the CSSOM, but editor decorations (carets) use style
// attributes in markup, hence 'unsafe-inline' for styles only. Scripts are 'self' only.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  next();
};

/**
 * The origins a browser may use to reach this server: PUBLIC_URL when set, otherwise the
 * loopback names of the port (localhost and 127.0.0.1 are the same server to a user).
 */
export function allowedOriginsFor(publicUrl: string | undefined, port: number): Set<string> {
  if (publicUrl) return new Set([new URL(publicUrl).origin]);
  return new Set([`http://localhost:${port}`, `http://127.0.0.1:${port}`, `http://[::1]:${port}`]);
}

/**
 * Cross-site check for cookie-authenticated requests. Browsers always send `Origin` on
 * websocket upgrades and state-changing fetches, so a foreign or `null` Origin is refused;
 * non-browser clients (no Origin, no Sec-Fetch-Site) carry no ambient cookies to abuse.
 */
export function isSameSite(req: IncomingMessage, allowed: Set<string>): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined) return allowed.has(origin);
  const site = req.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sameSiteWrites(allowed: Set<string>): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) || isSameSite(req, allowed)) return next();
    next(forbidden('Cross-site request refused.', 'cross_site'));
  };
}

/** API responses are personal: never cached, so "back" after sign-out cannot show them. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
