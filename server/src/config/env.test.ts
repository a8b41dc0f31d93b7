import { describe, expect, it } from 'vitest';
import { configFromEnv } from './env.js';

describe('PDF export settings', () => {
  it('come from PDF_* variables; those not set keep their defaults', () => {
    expect(configFromEnv({ PDF_EXPORTS_PER_USER: '3', PDF_MAX_MINUTES_BYTES: '1048576' }).pdfExport).toEqual({ perUser: 3, maxMinutesBytes: 1_048_576 });
    expect(configFromEnv({}).pdfExport).toEqual({});
    expect(() => configFromEnv({ PDF_WORKERS: '0' })).toThrow(/PDF_WORKERS/);
  });
});
