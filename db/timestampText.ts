/**
 * Reads a timestamp as Postgres writes it in its ISO date style: `2026-12-02 07:00:00+00`, with
 * fractions of a second (`.5`), an offset in minutes or seconds (`+05:45`, `+02:20:40`, the
 * local mean time of old dates), `BC`. postgres.js gave that text to `new Date`, whose fallback
 * parser reads it for the years 1000–9999 only: `0001-01-01 00:00:00+00` came back as 2001
 * and `0024-…` as an invalid date, which failed every response presenting the meeting (500)
 * after its date had been stored. The API takes the years 0001–9999 (`shared/api/fields.ts`).
 * Anything else (a `date` column's `2026-12-02`, `infinity`) is read by `new Date` as before.
 */
const TIMESTAMP = /^(\d{4,})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(\.\d+)?(?:([+-])(\d\d)(?::(\d\d))?(?::(\d\d))?)?( BC)?$/;

export function parseTimestamp(text: string): Date {
  const m = TIMESTAMP.exec(text);
  // Without an offset (a `timestamp` value, which no column of ours has): local time, as before.
  if (!m || m[8] === undefined) return new Date(text);
  const [, year, month, day, hour, minute, second, fraction, sign, offsetHours, offsetMinutes, offsetSeconds, bc] = m;
  const at = new Date(0);
  // setUTCFullYear, not Date.UTC: that takes the years 0–99 for 1900–1999. 1 BC is the year 0.
  at.setUTCFullYear(bc ? 1 - Number(year) : Number(year), Number(month) - 1, Number(day));
  at.setUTCHours(Number(hour), Number(minute), Number(second), fraction ? Math.round(Number(fraction) * 1000) : 0);
  const offset = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 3600 + Number(offsetMinutes ?? 0) * 60 + Number(offsetSeconds ?? 0));
  return new Date(at.getTime() - offset * 1000);
}
