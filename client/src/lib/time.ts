import type { DigitPolicy } from '../../../shared/domain.js';
import { isIsoDate } from '../../../shared/editor/actionItemAttrs.js';
import * as shared from '../../../shared/format/formatting.js';
import { intlLocale } from './format.js';
import { dateTimeFormat } from '../../../shared/format/intlCache.js';

/** Minutes east of UTC that `timeZone` is at the instant `utcMs`. */
export function zoneOffsetMinutes(timeZone: string, utcMs: number): number {
  const parts = dateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - utcMs) / 60_000);
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * A wall-clock time as typed in `<input type="datetime-local">` (`2027-03-10T10:00`), read in the
 * meeting's time zone (not the browser's), as an ISO string with that zone's offset
 * (`2027-03-10T10:00:00+03:00`). Returns null for anything else.
 */
export function zonedWallTimeToIso(wall: string, timeZone: string): string | null {
  const m = WALL.exec(wall);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const wallMs = Date.UTC(y, mo - 1, d, h, mi);
  // The offset at the wall time read as UTC is right except near a DST change: check once more.
  let offset = zoneOffsetMinutes(timeZone, wallMs);
  const second = zoneOffsetMinutes(timeZone, wallMs - offset * 60_000);
  if (second !== offset) offset = second;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${wall}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `2027-03-10T10:00` for a datetime-local input, one week from now at 10:00 in `timeZone`. */
export function defaultMeetingWallTime(timeZone: string, now = Date.now()): string {
  const inAWeek = now + 7 * 24 * 3600_000;
  const local = new Date(inAWeek + zoneOffsetMinutes(timeZone, inAWeek) * 60_000);
  return `${local.toISOString().slice(0, 10)}T10:00`;
}

/** A meeting's date and time, in its own time zone, in the interface language. */
export function formatMeetingDate(iso: string, timeZone: string, locale: 'ar' | 'en', digits: DigitPolicy): string {
  return shared.formatDateTime(new Date(iso), timeZone, locale, digits);
}

/**
 * What a datetime-local field holds, in words ("Wednesday, 10 March 2027 at 10:00"): the field
 * itself shows the browser's numeric format, in which 03/10 is 3 October to a British delegate.
 * '' while the field holds no whole date and time.
 */
export function wallTimeInWords(wall: string, timeZone: string, locale: 'ar' | 'en', digits: DigitPolicy): string {
  const iso = zonedWallTimeToIso(wall, timeZone);
  return iso ? formatMeetingDate(iso, timeZone, locale, digits) : '';
}

/** A timestamp (user created, session last seen) in the browser's zone. */
export function formatTimestamp(iso: string, locale: 'ar' | 'en', digits: DigitPolicy): string {
  return dateTimeFormat(intlLocale(locale, digits), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/** How long the browser's time zone is taken as known (a laptop that travels changes it). */
export const VIEWER_ZONE_TTL_MS = 60_000;
let viewerZone: { zone: string; readAt: number } | null = null;

/**
 * The browser's own time zone (IANA name), or UTC if it cannot tell. Read at most once a
 * minute: making the `Intl.DateTimeFormat` that tells it costs milliseconds, and the meeting's
 * header asks on every render (about 140 ms of a meeting page's opening in Chromium).
 */
export function viewerTimeZone(now = Date.now()): string {
  if (viewerZone && now - viewerZone.readAt < VIEWER_ZONE_TTL_MS) return viewerZone.zone;
  let zone = 'UTC';
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    // No time zone data: UTC, as before.
  }
  viewerZone = { zone, readAt: now };
  return zone;
}

/** True when clocks in the two zones show the same time at that instant (no need to show both). */
export function sameWallTime(iso: string, zoneA: string, zoneB: string): boolean {
  const ms = new Date(iso).getTime();
  return zoneA === zoneB || zoneOffsetMinutes(zoneA, ms) === zoneOffsetMinutes(zoneB, ms);
}

/** The inverse of `zonedWallTimeToIso`: an instant as `2027-03-10T10:00` on the clocks of `timeZone`. */
export function isoToZonedWall(iso: string, timeZone: string): string {
  const ms = new Date(iso).getTime();
  if (Number.isNaN(ms)) return '';
  return new Date(ms + zoneOffsetMinutes(timeZone, ms) * 60_000).toISOString().slice(0, 16);
}

/** Today on the calendar of `timeZone`, `YYYY-MM-DD`. */
export function zonedIsoDate(timeZone: string, now = Date.now()): string {
  return new Date(now + zoneOffsetMinutes(timeZone, now) * 60_000).toISOString().slice(0, 10);
}

/** A calendar day (`YYYY-MM-DD`, no time or zone) in the interface language: "10 Mar 2027", "١٠ مارس ٢٠٢٧". */
export function formatDay(day: string, locale: 'ar' | 'en', digits: DigitPolicy): string {
  return shared.formatDay(day, locale, digits, 'medium');
}

/**
 * What a date field holds, in words ("3 يناير 2027"), beside the browser's numeric format (01/03
 * is 3 January in one browser, 1 March to a British reader); '' while it holds no whole date.
 */
export function dayInWords(day: string, locale: 'ar' | 'en', digits: DigitPolicy): string {
  return isIsoDate(day) ? formatDay(day, locale, digits) : '';
}

/** The day of an instant on this browser's calendar, in the interface language. */
export function formatDate(iso: string, locale: 'ar' | 'en', digits: DigitPolicy): string {
  return dateTimeFormat(intlLocale(locale, digits), { dateStyle: 'medium' }).format(new Date(iso));
}
