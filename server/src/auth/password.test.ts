import { describe, expect, it } from 'vitest';
import { DEFAULT_HASH_COST, hashPassword, PasswordHasher, verifyPassword } from './password.js';

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

  it('made by a hasher have its cost, and an unknown account costs what a real check costs (no early answer)', async () => {
    const hasher = new PasswordHasher();
    const stored = await hasher.hash('a-long-enough-password');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await new PasswordHasher(10).hash('a-long-enough-password')).toMatch(/^scrypt\$1024\$8\$1\$/);
    await hasher.verifyUnknown('warm up: the dummy hash is made once');
    // Best of three each, alternated: a shared machine's pauses only ever add time.
    let real = Infinity;
    let unknown = Infinity;
    for (let i = 0; i < 3; i++) {
      let started = performance.now();
      await verifyPassword('a wrong password', stored);
      real = Math.min(real, performance.now() - started);
      started = performance.now();
      await expect(hasher.verifyUnknown('a wrong password')).resolves.toBe(false);
      unknown = Math.min(unknown, performance.now() - started);
    }
    expect(unknown, `unknown ${unknown.toFixed(1)} ms, real ${real.toFixed(1)} ms`).toBeGreaterThan(real * 0.5);
  });
});
