import { describe, expect, it } from 'vitest';
import { DEFAULT_HASH_COST, hashPassword, verifyAgainstDummy, verifyPassword } from './password.js';

describe('password hashes', () => {
  it('are scrypt with N = 2^15, r = 8 by default: 32 MiB per guess', async () => {
    const stored = await hashPassword('كلمة مرور طويلة بما يكفي');
    expect(DEFAULT_HASH_COST).toBe(15);
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('كلمة مرور طويلة بما يكفي', stored)).toBe(true);
    expect(await verifyPassword('كلمة مرور خاطئة', stored)).toBe(false);
  });

  it('are checked with the parameters they were made with, whatever the cost of new ones', async () => {
    const cheap = await hashPassword('a-long-enough-password', 10);
    expect(cheap).toMatch(/^scrypt\$1024\$8\$1\$/);
    const dear = await hashPassword('a-long-enough-password');
    for (const stored of [cheap, dear]) {
      expect(await verifyPassword('a-long-enough-password', stored)).toBe(true);
      expect(await verifyPassword('a-long-enough-passworD', stored)).toBe(false);
    }
  });

  it('compare the same password typed in another Unicode form equal (NFKC)', async () => {
    // "é" as one code point and as e + combining accent.
    const stored = await hashPassword('caf\u00e9-password-long', 10);
    expect(await verifyPassword('cafe\u0301-password-long', stored)).toBe(true);
  });

  it('of an unknown account are still checked against a hash of the same cost (no early answer)', async () => {
    const started = performance.now();
    await verifyAgainstDummy('anything at all', DEFAULT_HASH_COST);
    await verifyAgainstDummy('anything at all', DEFAULT_HASH_COST);
    const second = performance.now();
    await verifyAgainstDummy('anything at all', DEFAULT_HASH_COST);
    // The dummy hash is made once; each check still derives a key at the default cost (tens of ms).
    expect(performance.now() - second).toBeGreaterThan(10);
    expect(second - started).toBeGreaterThan(10);
    await expect(verifyAgainstDummy('x', 10)).resolves.toBe(false);
  });
});
