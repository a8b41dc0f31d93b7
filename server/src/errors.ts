import { CloseCode } from '../../shared/collab/closeCodes.js';
import { isDatabaseUnavailable } from '../../db/unavailable.js';
import type { ErrorCode, ErrorParams } from '../../shared/api/errors.js';

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
  /** What the client shows (in its own language); the kind itself unless more precise. */
  readonly code: ErrorCode;
  readonly params: ErrorParams | undefined;

  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly issues?: { path: string; message: string }[],
    /** For `rate_limited` and `unavailable`: sent as `Retry-After` and as the `seconds` parameter. */
    readonly retryAfterSeconds?: number,
    detail: { code?: ErrorCode; params?: ErrorParams } = {},
  ) {
    super(message);
    this.code = detail.code ?? kind;
    const params = { ...detail.params, ...(retryAfterSeconds === undefined ? {} : { seconds: retryAfterSeconds }) };
    this.params = Object.keys(params).length > 0 ? params : undefined;
  }
}

/** Things that can be missing, each with its own code (the client names it in its language). */
const NOT_FOUND = {
  Meeting: 'meeting_not_found',
  'Working group': 'group_not_found',
  User: 'user_not_found',
  Session: 'session_not_found',
  Invitation: 'invitation_not_found',
  Version: 'version_not_found',
  Member: 'member_not_found',
  'Action item': 'action_item_not_found',
  Approval: 'approval_not_found',
  Amendment: 'amendment_not_found',
  Comment: 'comment_not_found',
} as const satisfies Record<string, ErrorCode>;

/** A domain error with a stable code (`amendments_open`) and the values of its message (`{count}`). */
export const coded = (kind: ErrorKind, code: ErrorCode, message: string, params?: ErrorParams) =>
  new DomainError(kind, message, undefined, undefined, { code, params });

export const invalid = (message: string, issues?: { path: string; message: string }[]) =>
  new DomainError('invalid', message, issues);
export const unauthenticated = (message = 'Sign in first.', code?: ErrorCode) => new DomainError('unauthenticated', message, undefined, undefined, { code });
export const forbidden = (message = 'You do not have access to this.', code?: ErrorCode) =>
  new DomainError('forbidden', message, undefined, undefined, { code });
export const notFound = (what: keyof typeof NOT_FOUND, message = `${what} not found.`) =>
  new DomainError('not_found', message, undefined, undefined, { code: NOT_FOUND[what] });
export const conflict = (message: string, code?: ErrorCode) => new DomainError('conflict', message, undefined, undefined, { code });
/** A refusal for now, with the wait in the message and in `Retry-After`. */
export function tryAgainLater(
  kind: 'rate_limited' | 'unavailable',
  message: string,
  seconds: number,
  detail: { code?: ErrorCode; params?: ErrorParams } = {},
): DomainError {
  const wait = Math.max(1, Math.ceil(seconds));
  return new DomainError(kind, `${message} Try again in ${wait} second${wait === 1 ? '' : 's'}.`, undefined, wait, detail);
}

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
