import { describe, expect, it } from 'vitest';
import { tryAgainLater } from './errors.js';

describe('tryAgainLater', () => {
  it('says the wait it sends as Retry-After, whole seconds, at least one, in the right number', () => {
    expect(tryAgainLater('rate_limited', 'Too many failed sign-ins.', 0.2)).toMatchObject({ message: 'Too many failed sign-ins. Try again in 1 second.', retryAfterSeconds: 1, params: { seconds: 1 } });
    expect(tryAgainLater('unavailable', 'Busy.', 2.1)).toMatchObject({ message: 'Busy. Try again in 3 seconds.', retryAfterSeconds: 3 });
  });
});
