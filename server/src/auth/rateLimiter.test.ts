import { describe, expect, it } from 'vitest';
import { FailureRateLimiter } from './rateLimiter.js';

describe('FailureRateLimiter', () => {
  it('blocks after the limit of failures within the window and frees the key after it', () => {
    const limiter = new FailureRateLimiter(3, 1000);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterMs('a', 100 + i)).toBe(0);
      limiter.fail('a', 100 + i);
    }
    expect(limiter.retryAfterMs('a', 200)).toBe(900);
    expect(limiter.retryAfterMs('b', 200)).toBe(0);
    expect(limiter.retryAfterMs('a', 1101)).toBe(0);
  });

  it('forgets failures after a reset', () => {
    const limiter = new FailureRateLimiter(1, 1000);
    limiter.fail('a', 0);
    expect(limiter.retryAfterMs('a', 1)).toBeGreaterThan(0);
    limiter.reset('a');
    expect(limiter.retryAfterMs('a', 1)).toBe(0);
  });
});
