import { CloseCode } from '../../shared/collab/closeCodes.js';
import { isDatabaseUnavailable } from '../../db/unavailable.js';

export { isDatabaseUnavailable };

export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'too_large'
  | 'rate_limited'
  | 'locked'
  | 'unavailable';

/** An expected failure with a message safe to show to the user. Commands throw these. */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly issues?: { path: string; message: string }[],
    /** For `rate_limited` and `unavailable`: sent as `Retry-After`. */
    readonly retryAfterSeconds?: number,
    /** A stable code more precise than the kind (the body's `code`), with values for its message. */
    readonly detail?: { code: string; params?: Record<string, string | number> },
  ) {
    super(message);
  }
}

/** A domain error with a stable code (`amendments_open`) and its parameters (`{count}`). */
export const coded = (kind: ErrorKind, code: string, message: string, params?: Record<string, string | number>) =>
  new DomainError(kind, message, undefined, undefined, { code, params });

export const invalid = (message: string, issues?: { path: string; message: string }[]) =>
  new DomainError('invalid', message, issues);
export const unauthenticated = (message = 'Sign in first.') => new DomainError('unauthenticated', message);
export const forbidden = (message = 'You do not have access to this.') => new DomainError('forbidden', message);
export const notFound = (what: string) => new DomainError('not_found', `${what} not found.`);
export const conflict = (message: string) => new DomainError('conflict', message);
/** A refusal for now, with the wait in the message and in `Retry-After`. */
export function tryAgainLater(kind: 'rate_limited' | 'unavailable', message: string, seconds: number): DomainError {
  const wait = Math.max(1, Math.ceil(seconds));
  return new DomainError(kind, `${message} Try again in ${wait} second${wait === 1 ? '' : 's'}.`, undefined, wait);
}
export const rateLimited = (message: string, retryAfterMs: number) =>
  new DomainError('rate_limited', message, undefined, Math.max(1, Math.ceil(retryAfterMs / 1000)));

/** The one mapping of domain errors to HTTP statuses and websocket close codes. */
export const HTTP_STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  locked: 423,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

export const CLOSE_CODE: Record<ErrorKind, number> = {
  invalid: CloseCode.malformedMessage,
  unauthenticated: CloseCode.unauthenticated,
  forbidden: CloseCode.forbidden,
  not_found: CloseCode.unknownMeeting,
  conflict: CloseCode.malformedMessage,
  unprocessable: CloseCode.malformedMessage,
  locked: CloseCode.forbidden,
  too_large: CloseCode.messageTooLarge,
  rate_limited: CloseCode.tryAgainLater,
  unavailable: CloseCode.tryAgainLater,
};

/** Close code and a short reason (websocket reasons are limited to 123 bytes). */
export function toClose(error: unknown): { code: number; reason: string } {
  if (error instanceof DomainError) return { code: CLOSE_CODE[error.kind], reason: truncateReason(error.message) };
  if (isDatabaseUnavailable(error)) return { code: CloseCode.tryAgainLater, reason: 'the database is not reachable' };
  return { code: CloseCode.internalError, reason: 'internal error' };
}

export function truncateReason(reason: string): string {
  const bytes = Buffer.from(reason);
  return bytes.byteLength <= 123 ? reason : bytes.subarray(0, 120).toString('utf8').replace(/\uFFFD$/, '') + '…';
}
