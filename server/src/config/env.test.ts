import { describe, expect, it } from 'vitest';
import { configFromEnv } from './env.js';

describe('PDF export settings', () => {
  it('come from PDF_* variables; those not set keep their defaults', () => {
    expect(configFromEnv({ PDF_EXPORTS_PER_USER: '3', PDF_MAX_MINUTES_BYTES: '1048576' }).pdfExport).toEqual({ perUser: 3, maxMinutesBytes: 1_048_576 });
    expect(configFromEnv({}).pdfExport).toEqual({});
    expect(() => configFromEnv({ PDF_WORKERS: '0' })).toThrow(/PDF_WORKERS/);
  });
});

describe('password hashing cost', () => {
  it('is scrypt N = 2^15 unless PASSWORD_HASH_COST says otherwise, and never below 2^10', () => {
    expect(configFromEnv({}).passwordHashCost).toBe(15);
    expect(configFromEnv({ PASSWORD_HASH_COST: '17' }).passwordHashCost).toBe(17);
    expect(configFromEnv({ PASSWORD_HASH_COST: '10' }).passwordHashCost).toBe(10);
    expect(() => configFromEnv({ PASSWORD_HASH_COST: '9' })).toThrow(/PASSWORD_HASH_COST/);
    expect(() => configFromEnv({ PASSWORD_HASH_COST: '21' })).toThrow(/PASSWORD_HASH_COST/);
  });
});
