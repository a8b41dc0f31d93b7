import { describe, expect, it } from 'vitest';
import { GrowingDelayLimiter } from './rateLimiter.js';

const policy = { free: 3, baseMs: 1000, maxMs: 8000, forgetMs: 60_000 };

describe('GrowingDelayLimiter', () => {
  it('lets the free failures through, then doubles the wait up to its cap', () => {
    const limiter = new GrowingDelayLimiter(policy);
    for (let i = 0; i < 3; i++) {
      expect(limiter.waitMs('a', 0)).toBe(0);
      limiter.reserve('a', 0);
      limiter.settle('a', true, 0);
    }
    const waits: number[] = [];
    let now = 0;
    for (let i = 0; i < 6; i++) {
      const wait = limiter.waitMs('a', now);
      waits.push(wait);
      now += wait;
      expect(limiter.waitMs('a', now)).toBe(0);
      limiter.reserve('a', now);
      limiter.settle('a', true, now);
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    expect(limiter.waitMs('b', now)).toBe(0);
  });

  it('counts a reserved attempt at once, so attempts made together cannot pass the limit', () => {
    const limiter = new GrowingDelayLimiter(policy);
    const admitted = Array.from({ length: 100 }, () => {
      if (limiter.waitMs('a', 5) > 0) return false;
      limiter.reserve('a', 5);
      return true;
    }).filter(Boolean).length;
    expect(admitted).toBe(3);
  });

  it('runs the wait from when the last check failed, not from when it started', () => {
    const limiter = new GrowingDelayLimiter(policy);
    for (let i = 0; i < 3; i++) limiter.reserve('a', 0);
    // The checks take 5 s (a loaded server): until they end, the next attempt waits.
    expect(limiter.waitMs('a', 4000)).toBe(1000);
    for (let i = 0; i < 3; i++) limiter.settle('a', true, 5000);
    expect(limiter.waitMs('a', 5500)).toBe(500);
    expect(limiter.waitMs('a', 6000)).toBe(0);
  });

  it('takes back a reservation that succeeded, forgets after a quiet period, and clears on reset', () => {
    const limiter = new GrowingDelayLimiter(policy);
    for (let i = 0; i < 3; i++) limiter.reserve('a', 0);
    limiter.settle('a', false, 0);
    limiter.settle('a', true, 0);
    limiter.settle('a', true, 0);
    expect(limiter.failures('a', 0)).toBe(2);
    expect(limiter.waitMs('a', 0)).toBe(0);
    limiter.reserve('a', 0);
    limiter.settle('a', true, 0);
    expect(limiter.waitMs('a', 0)).toBe(1000);
    expect(limiter.waitMs('a', 60_000)).toBe(0);
    expect(limiter.failures('a', 60_000)).toBe(0);
    limiter.reserve('b', 0);
    limiter.reset('b');
    expect(limiter.failures('b', 0)).toBe(0);
  });

  it('keeps a bounded number of keys, dropping the longest quiet ones first', () => {
    const limiter = new GrowingDelayLimiter({ ...policy, free: 1 });
    limiter.reserve('first', 0);
    for (let i = 0; i < 100_000; i++) limiter.reserve(`k${i}`, 1);
    expect(limiter.failures('first', 2)).toBe(0);
    expect(limiter.failures('k99999', 2)).toBe(1);
  });
});
