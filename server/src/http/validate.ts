import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { invalid } from '../errors.js';

export interface Issue {
  path: string;
  message: string;
}

export const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';

interface Place {
  value: unknown;
  key: string;
  parent: Place | null;
}

function pathOf(place: Place): string {
  const keys: string[] = [];
  for (let p: Place | null = place; p?.parent; p = p.parent) keys.push(p.key);
  return keys.reverse().join('.') || '(root)';
}

/**
 * Paths of the strings (and keys) that contain U+0000, which Postgres cannot store in text.
 * Iterative and linear in the size of the input whatever its nesting; reports the first few.
 */
export function nulIssues(value: unknown, max = 10): Issue[] {
  const issues: Issue[] = [];
  const stack: Place[] = [{ value, key: '', parent: null }];
  while (stack.length > 0 && issues.length < max) {
    const place = stack.pop()!;
    const v = place.value;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) issues.push({ path: pathOf(place), message: NUL_MESSAGE });
    } else if (v !== null && typeof v === 'object') {
      // Pushed in reverse, so that fields are visited (and reported) in their order.
      for (const [key, child] of Object.entries(v).reverse()) {
        const at = { value: child, key: key.replaceAll('\u0000', '\\u0000'), parent: place };
        // A key with NUL is reported like a value with one.
        stack.push(key.includes('\u0000') ? { ...at, value: '\u0000' } : at);
      }
    }
  }
  return issues;
}

export function invalidInput(what: string, issues: Issue[]) {
  return invalid(`Invalid ${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
}

/** Parses a request part with a zod schema; a failure is a 400 that names each bad field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, what = 'request body'): z.infer<S> {
  const result = schema.safeParse(value ?? {});
  const nul = nulIssues(value);
  if (result.success && nul.length === 0) return result.data;
  const issues = result.success
    ? nul
    : [
        ...nul,
        ...result.error.issues
          .map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message }))
          .filter((issue) => !nul.some((n) => n.path === issue.path)),
      ];
  throw invalidInput(what, issues);
}

/**
 * JSON is UTF-8 (RFC 8259). The body parser would also decode UTF-7, UTF-16 and UTF-32 bodies,
 * which only garbles what a confused client meant: any charset but UTF-8 is refused.
 */
export const utf8Bodies: RequestHandler = (req, _res, next) => {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (charset === undefined || charset === 'utf-8' || charset === 'utf8') return next();
  next(invalidInput('request', [{ path: 'content-type', message: `charset "${charset}" is not supported; send UTF-8` }]));
};

/**
 * express.json reads only `application/json`: a body of any other type (or none named) would
 * reach the route as no body at all, and be refused for fields it does hold ("name: Required").
 */
export const jsonBodies: RequestHandler = (req, _res, next) => {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (!hasBody || req.is('application/json')) return next();
  const type = req.headers['content-type']?.split(';')[0]?.trim();
  const message = type ? `"${type}" is not supported; send application/json` : 'missing; send application/json';
  next(invalidInput('request', [{ path: 'content-type', message }]));
};

/**
 * express.json's `verify`, on the (decompressed) bytes: the parser would decode bytes that are
 * not UTF-8 (a Latin-1 or Windows-1256 client) to U+FFFD, storing "�" where Arabic was meant.
 */
export function requireUtf8(_req: IncomingMessage, _res: unknown, body: Buffer): void {
  if (!isUtf8(body)) throw Object.assign(new Error('The request body is not valid UTF-8.'), { status: 400, type: 'entity.not.utf8' });
}
