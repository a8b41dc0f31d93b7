import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDateTimeParts, formatDay, formatNumber, withDigits } from './formatting.js';

describe('the shared formatting of numbers and dates', () => {
  it('writes a due day in each language with its own conventions, never as 31-12-2026', () => {
    expect(formatDay('2026-12-31', 'ar', 'western')).toBe('31 ديسمبر 2026');
    expect(formatDay('2026-12-31', 'ar', 'arabic-indic')).toBe('٣١ ديسمبر ٢٠٢٦');
    expect(formatDay('2026-12-31', 'en', 'western')).toBe('31 December 2026');
    // English text keeps Western digits whatever the group writes in Arabic.
    expect(formatDay('2026-12-31', 'en', 'arabic-indic')).toBe('31 December 2026');
    expect(formatDay('2026-12-31', 'en', 'western', 'medium')).toBe('31 Dec 2026');
  });

  it('leaves what is not a calendar day as it is', () => {
    expect(formatDay('', 'ar', 'western')).toBe('');
    expect(formatDay('soon', 'en', 'western')).toBe('soon');
  });

  it('writes numbers with the policy’s digits in Arabic only', () => {
    expect(formatNumber(16, 'ar', 'western')).toBe('16');
    expect(formatNumber(16, 'ar', 'arabic-indic')).toBe('١٦');
    expect(formatNumber(1250, 'en', 'arabic-indic')).toBe('1250');
    expect(withDigits('صفحة 12 من 30', 'ar', 'arabic-indic')).toBe('صفحة ١٢ من ٣٠');
    expect(withDigits('Page 12', 'en', 'arabic-indic')).toBe('Page 12');
    expect(withDigits('2026-12-31', 'ar', 'western')).toBe('2026-12-31');
  });

  it('writes an instant on the clocks of the meeting’s zone', () => {
    // 22:30 UTC on the 25th is already the 26th in Kuwait.
    const instant = new Date('2026-11-25T22:30:00Z');
    expect(formatDateTimeParts(instant, 'Asia/Kuwait', 'ar', 'western')).toEqual({ date: 'الخميس، 26 نوفمبر 2026', time: '1:30 ص بتوقيت الكويت' });
    // As the interface writes a time (formatDateTime below): no leading zero in Arabic.
    expect(formatDateTime(instant, 'Asia/Kuwait', 'ar', 'western')).toContain(' 1:30 ص');
    expect(formatDateTimeParts(instant, 'Asia/Kuwait', 'ar', 'arabic-indic').date).toBe('الخميس، ٢٦ نوفمبر ٢٠٢٦');
    expect(formatDateTimeParts(instant, 'Europe/London', 'en', 'western')).toEqual({ date: 'Wednesday, 25 November 2026', time: '22:30 London time' });
    // A zone no meeting is offered is named by its offset.
    expect(formatDateTimeParts(instant, 'Asia/Dubai', 'ar', 'western').time).toBe('2:30 ص غرينتش+4');
    expect(formatDateTimeParts(instant, 'UTC', 'ar', 'arabic-indic').time).toBe('١٠:٣٠ م بالتوقيت العالمي المنسق');
    expect(formatDateTime(instant, 'Asia/Kuwait', 'en', 'western')).toBe('Thursday, 26 November 2026 at 01:30');
    expect(formatDateTime(instant, 'Not/AZone', 'en', 'western')).toBe('Wednesday, 25 November 2026 at 22:30');
  });
});
