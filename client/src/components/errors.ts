import { ApiError } from '../api/http.js';
import type { MessageKey } from '../i18n/ar.js';
import type { I18n } from '../i18n/i18n.js';

function keyFor(error: ApiError): MessageKey {
  switch (error.status) {
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

/**
 * A failed request as one sentence in the interface language. The server's own message (in
 * English) is added in parentheses where it carries a detail the catalogue cannot know, such as
 * how long to wait or which field is wrong.
 */
export function describeError(error: unknown, t: I18n['t'], overrides: Partial<Record<number, MessageKey>> = {}): string {
  if (!(error instanceof ApiError)) return t('error.unexpected');
  const key = overrides[error.status] ?? keyFor(error);
  if (key === 'error.rateLimited' && error.retryAfterSeconds !== undefined) return t('error.rateLimitedFor', { seconds: error.retryAfterSeconds });
  const base = t(key);
  if (error.issues.length > 0) return `${base} ${error.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`;
  if ((error.status === 429 || error.status === 409 || error.status === 400) && error.message) return `${base} (${error.message})`;
  return base;
}
