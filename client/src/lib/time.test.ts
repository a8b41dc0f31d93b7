import { afterEach, describe, expect, it, vi } from 'vitest';
import { dayInWords, defaultMeetingWallTime, formatDay, isoToZonedWall, sameWallTime, VIEWER_ZONE_TTL_MS, viewerTimeZone, wallTimeInWords, zonedIsoDate, zonedWallTimeToIso, zoneOffsetMinutes } from './time.js';

describe('zonedWallTimeToIso', () => {
  it('reads the wall time in Kuwait (UTC+3, no DST)', () => {
    expect(zonedWallTimeToIso('2027-03-10T10:00', 'Asia/Kuwait')).toBe('2027-03-10T10:00:00+03:00');
  });

  it('uses the London offset that is in force on that date', () => {
    expect(zonedWallTimeToIso('2027-01-15T09:30', 'Europe/London')).toBe('2027-01-15T09:30:00+00:00');
    expect(zonedWallTimeToIso('2027-07-15T09:30', 'Europe/London')).toBe('2027-07-15T09:30:00+01:00');
  });

  it('round-trips to the same instant', () => {
    const iso = zonedWallTimeToIso('2027-10-31T00:30', 'Europe/London')!;
    expect(new Date(iso).toISOString()).toBe('2027-10-30T23:30:00.000Z');
  });

  it('rejects anything but a datetime-local value', () => {
    expect(zonedWallTimeToIso('2027-03-10', 'Asia/Kuwait')).toBeNull();
    expect(zonedWallTimeToIso('', 'Asia/Kuwait')).toBeNull();
  });
});

describe('zoneOffsetMinutes', () => {
  it('knows Kuwait is three hours ahead', () => {
    expect(zoneOffsetMinutes('Asia/Kuwait', Date.UTC(2027, 0, 1))).toBe(180);
  });
});

describe('defaultMeetingWallTime', () => {
  it('proposes 10:00 a week later', () => {
    expect(defaultMeetingWallTime('Asia/Kuwait', Date.UTC(2027, 0, 1, 22))).toBe('2027-01-09T10:00');
  });
});

describe('meeting and due dates', () => {
  it('shows an instant on the clocks of a zone (the inverse of zonedWallTimeToIso)', () => {
    expect(isoToZonedWall('2027-03-10T07:00:00.000Z', 'Asia/Kuwait')).toBe('2027-03-10T10:00');
    expect(isoToZonedWall('2027-07-15T08:30:00Z', 'Europe/London')).toBe('2027-07-15T09:30');
    expect(isoToZonedWall('not a date', 'UTC')).toBe('');
  });

  it('knows when two zones show the same time', () => {
    expect(sameWallTime('2027-03-10T07:00:00Z', 'Asia/Kuwait', 'Asia/Riyadh')).toBe(true);
    expect(sameWallTime('2027-03-10T07:00:00Z', 'Asia/Kuwait', 'Europe/London')).toBe(false);
    // London is on UTC in winter, not in summer.
    expect(sameWallTime('2027-01-10T07:00:00Z', 'UTC', 'Europe/London')).toBe(true);
    expect(sameWallTime('2027-07-10T07:00:00Z', 'UTC', 'Europe/London')).toBe(false);
  });

  it('gives today on the meeting’s calendar and formats a plain day without shifting it', () => {
    // 22:30 UTC is already the next day in Kuwait, not yet in London.
    expect(zonedIsoDate('Asia/Kuwait', Date.UTC(2027, 2, 9, 22, 30))).toBe('2027-03-10');
    expect(zonedIsoDate('Europe/London', Date.UTC(2027, 2, 9, 22, 30))).toBe('2027-03-09');
    expect(formatDay('2027-03-10', 'en', 'arabic-indic')).toBe('10 Mar 2027');
    expect(formatDay('2027-03-10', 'ar', 'arabic-indic')).toContain('٢٠٢٧');
    expect(formatDay('2027-03-10', 'ar', 'western')).toContain('2027');
  });
});

describe('wallTimeInWords', () => {
  it('names the weekday and the month of what a datetime-local field holds, at the time typed in any zone', () => {
    expect(wallTimeInWords('2027-03-10T10:00', 'Asia/Kuwait', 'en', 'western')).toBe('Wednesday, 10 March 2027 at 10:00');
    const london = wallTimeInWords('2027-03-10T10:00', 'Europe/London', 'ar', 'western');
    expect(london).toContain('الأربعاء');
    expect(london).toContain('مارس');
    expect(london).toContain('10:00');
  });

  it('is empty while the field holds no whole date and time', () => {
    expect(wallTimeInWords('', 'Asia/Kuwait', 'en', 'western')).toBe('');
    expect(wallTimeInWords('2027-03-10', 'Asia/Kuwait', 'en', 'western')).toBe('');
  });
});

describe('dayInWords', () => {
  it('names the month of a date field\'s day, and is empty while the field holds no whole date', () => {
    expect(dayInWords('2027-01-03', 'en', 'western')).toBe('3 Jan 2027');
    expect(dayInWords('2027-01-03', 'ar', 'western')).toContain('يناير');
    expect(dayInWords('', 'ar', 'western')).toBe('');
    expect(dayInWords('2027-01', 'ar', 'western')).toBe('');
  });
});

describe('viewerTimeZone', () => {
  afterEach(() => vi.restoreAllMocks());

  it("is the browser's zone, asked of Intl once a minute at most, and follows a change within the minute after", () => {
    let zone = 'Asia/Kuwait';
    const real = Intl.DateTimeFormat;
    const made = vi.spyOn(Intl, 'DateTimeFormat').mockImplementation(((...args: ConstructorParameters<typeof Intl.DateTimeFormat>) => {
      const format = new real(...args);
      const options = format.resolvedOptions();
      return Object.assign(Object.create(format), { resolvedOptions: () => ({ ...options, timeZone: zone }) });
    }) as typeof Intl.DateTimeFormat);
    // Far from any reading made by earlier tests.
    const start = Date.now() + 10 * VIEWER_ZONE_TTL_MS;
    expect(viewerTimeZone(start)).toBe('Asia/Kuwait');
    for (let i = 0; i < 50; i++) expect(viewerTimeZone(start + i * 1000)).toBe('Asia/Kuwait');
    expect(made).toHaveBeenCalledTimes(1);

    // The laptop lands in London.
    zone = 'Europe/London';
    expect(viewerTimeZone(start + VIEWER_ZONE_TTL_MS - 1)).toBe('Asia/Kuwait');
    expect(viewerTimeZone(start + VIEWER_ZONE_TTL_MS)).toBe('Europe/London');
    expect(made).toHaveBeenCalledTimes(2);
  });

  it('is UTC when the browser cannot tell', () => {
    vi.spyOn(Intl, 'DateTimeFormat').mockImplementation((() => {
      throw new RangeError('no time zone data');
    }) as unknown as typeof Intl.DateTimeFormat);
    expect(viewerTimeZone(Date.now() + 100 * VIEWER_ZONE_TTL_MS)).toBe('UTC');
  });
});
