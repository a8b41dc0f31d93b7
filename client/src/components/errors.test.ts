import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/api/errors.js';
import { ApiError } from '../api/http.js';
import { ar } from '../i18n/ar.js';
import { en } from '../i18n/en.js';
import { format } from '../i18n/i18n.js';
import { describeError, messageOfCode } from './errors.js';

const tOf = (catalogue: Record<string, string>) => (key: string, params?: Record<string, string | number>) => format(catalogue[key]!, params);
const arT = tOf(ar) as Parameters<typeof describeError>[1];
const enT = tOf(en) as Parameters<typeof describeError>[1];
const LATIN_WORD = /[A-Za-z]{2,}/;

describe('error messages', () => {
  it('every error code the API answers with has a message in both catalogues, the Arabic one without English', () => {
    for (const code of ERROR_CODES) {
      const key = messageOfCode(code);
      expect(ar[key], code).toBeTruthy();
      expect(en[key], code).toBeTruthy();
      expect(ar[key].replace(/\{\w+\}/g, ''), code).not.toMatch(LATIN_WORD);
    }
  });

  it('shows the sign-in limit in Arabic with the wait isolated, not the server’s English sentence', () => {
    const error = new ApiError(429, 'sign_in_rate_limited', 'Too many failed sign-ins. Try again in 8 seconds.', [], 8, { seconds: 8 });
    const text = describeError(error, arT);
    expect(text).toBe('محاولات دخول فاشلة كثيرة. يُرجى المحاولة مجددًا بعد \u20688\u2069 ثانية.');
    expect(describeError(error, enT)).toBe('Too many failed sign-ins. Please try again in \u20688\u2069 seconds.');
  });

  it('prefers a precise code to a page’s message for the status, and a page’s message to a generic code', () => {
    const stale = new ApiError(409, 'approval_stale', 'The minutes changed…');
    expect(describeError(stale, enT, { 409: 'approval.conflict' })).toBe(en['error.code.approval_stale']);
    const busy = new ApiError(429, 'rate_limited', 'You already have 2 PDF exports in progress.', [], 3, { seconds: 3, running: 2 });
    expect(describeError(busy, arT, { 429: 'meeting.exportLimit' })).toBe(ar['meeting.exportLimit']);
  });

  it('takes a page’s message for a code before anything else', () => {
    const unknown = new ApiError(404, 'user_not_found', 'User not found.');
    expect(describeError(unknown, arT, { user_not_found: 'members.unknownEmail' })).toBe(ar['members.unknownEmail']);
    expect(describeError(unknown, arT, { 404: 'meeting.notFound' })).toBe(ar['error.code.user_not_found']);
  });

  it('names the fields of a validation error in the interface language', () => {
    const error = new ApiError(400, 'invalid', 'Invalid request body: email: expected an email address', [{ path: 'email', message: 'expected an email address' }]);
    expect(describeError(error, arT)).toBe('بعض البيانات غير صالحة: البريد الإلكتروني.');
  });

  it('falls back to the status when the server sent no code it knows, or no wait', () => {
    expect(describeError(new ApiError(502, 'http_502', 'Bad Gateway'), arT)).toBe(ar['error.server']);
    expect(describeError(new ApiError(429, 'rate_limited', ''), arT)).toBe(ar['error.rateLimited']);
  });
});
