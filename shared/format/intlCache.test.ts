import { describe, expect, it } from 'vitest';
import { formatDay } from './formatting.js';
import { dateTimeFormat, isTimeZone, numberFormat } from './intlCache.js';

describe('Intl formatters made once', () => {
  it('gives the same formatter for the same locale and options, another for others', () => {
    const long = dateTimeFormat('ar-KW-u-nu-arab', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    expect(dateTimeFormat('ar-KW-u-nu-arab', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })).toBe(long);
    expect(dateTimeFormat('ar-KW-u-nu-arab', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })).not.toBe(long);
    expect(dateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })).not.toBe(long);
    expect(long.format(new Date('2026-12-31T00:00:00Z'))).toBe('٣١ ديسمبر ٢٠٢٦');
    expect(numberFormat('en-GB', { useGrouping: false })).toBe(numberFormat('en-GB', { useGrouping: false }));
  });

  it('keeps refusing an unknown zone, as Intl does', () => {
    for (let i = 0; i < 2; i++) expect(() => dateTimeFormat('en-GB', { timeZone: 'Mars/Olympus_Mons' })).toThrow(RangeError);
    expect(isTimeZone('Asia/Kuwait')).toBe(true);
    expect(isTimeZone('Europe/London')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone(`Asia/${'K'.repeat(100)}`)).toBe(false);
  });

  it('makes writing a date many times cheaper than making its formatter each time', () => {
    const days = Array.from({ length: 500 }, (_, i) => `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`);
    const time = (write: (day: string) => string) => {
      const start = performance.now();
      for (const day of days) write(day);
      return performance.now() - start;
    };
    const fresh = (day: string) => new Intl.DateTimeFormat('ar-KW-u-nu-arab', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
    // Alternated, best of three each: a pause of the machine (or a collection) in one pass
    // must not decide the comparison.
    let made = Infinity;
    let cached = Infinity;
    for (let pass = 0; pass < 3; pass++) {
      made = Math.min(made, time(fresh));
      cached = Math.min(cached, time((day) => formatDay(day, 'ar', 'arabic-indic')));
    }
    expect(formatDay('2026-12-31', 'ar', 'arabic-indic')).toBe(fresh('2026-12-31'));
    // Measured here: 12–45× faster (1.6–5.7 ms against 70–73 ms); 5× leaves room for a busy machine.
    expect(cached * 5, `500 dates: ${cached.toFixed(1)} ms cached, ${made.toFixed(1)} ms with a new formatter each`).toBeLessThan(made);
  });
});
