import { ERROR_CODES, type ErrorCode } from '../../../shared/api/errors.js';
import { ApiError } from '../api/http.js';
import type { MessageKey } from '../i18n/ar.js';
import type { I18n } from '../i18n/i18n.js';

/** The message of each error code the API answers with (both catalogues have every one). */
export function messageOfCode(code: ErrorCode): MessageKey {
  return `error.code.${code}` as const;
}

const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);
/** Codes that only say which kind of failure it was: a page's own message for its status is better. */
const GENERIC_CODES: ReadonlySet<string> = new Set(['invalid', 'unprocessable', 'forbidden', 'not_found', 'conflict', 'too_large', 'rate_limited', 'unavailable', 'locked', 'internal', 'unauthenticated']);

function keyForStatus(status: number): MessageKey {
  switch (status) {
    case 0:
      return 'error.network';
    case 400:
      return 'error.validation';
    case 401:
      return 'error.unauthorized';
    case 403:
      return 'error.forbidden';
    case 404:
      return 'error.notFound';
    case 409:
      return 'error.conflict';
    case 410:
      return 'error.gone';
    case 413:
      return 'error.tooLarge';
    case 429:
      return 'error.rateLimited';
    case 503:
      return 'error.unavailable';
    default:
      return 'error.server';
  }
}

/** U+2068 … U+2069: a value inside a sentence keeps its own direction and leaves the sentence's alone. */
export function isolate(value: string | number): string {
  return `\u2068${value}\u2069`;
}

/** Field names of validation issues the interface can name in its own words. */
const FIELD_LABELS: Partial<Record<string, MessageKey>> = {
  email: 'field.email',
  name: 'field.name',
  password: 'field.password',
};

/** A page's own messages: for an error code (first), or for a status unless the code is more precise. */
export type ErrorOverrides = Partial<Record<number | ErrorCode, MessageKey>>;

/**
 * A failed request as one message in the interface language, chosen by the API's `code` (with
 * its parameters: seconds to wait, sizes), never the server's English text. A page may give its
 * own messages (`overrides`). Values inside the sentence are bidi-isolated.
 */
export function describeError(error: unknown, t: I18n['t'], overrides: ErrorOverrides = {}): string {
  if (!(error instanceof ApiError)) return t('error.unexpected');
  const seconds = error.params.seconds ?? error.retryAfterSeconds;
  const params = Object.fromEntries(Object.entries({ ...error.params, ...(seconds === undefined ? {} : { seconds }) }).map(([k, v]) => [k, isolate(v)]));
  const known = KNOWN_CODES.has(error.code);
  if (error.status === 400 && error.issues.length > 0) {
    const fields = error.issues.map((issue) => {
      const label = FIELD_LABELS[issue.path];
      return label ? t(label) : isolate(issue.path);
    });
    return t('error.invalidFields', { fields: [...new Set(fields)].join(t('error.fieldSeparator')) });
  }
  const byCode = known ? overrides[error.code as ErrorCode] : undefined;
  const override = overrides[error.status];
  let key: MessageKey;
  if (byCode) key = byCode;
  else if (known && (!override || !GENERIC_CODES.has(error.code))) key = messageOfCode(error.code as ErrorCode);
  else key = override ?? keyForStatus(error.status);
  const message = t(key, params);
  // A message whose value did not come (an older server, a proxy's 429) falls back to its status's.
  return /\{\w+\}/.test(message) ? t(override ?? keyForStatus(error.status)) : message;
}
