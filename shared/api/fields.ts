import { z } from 'zod';
import { isIsoDate } from '../editor/actionItemAttrs.js';

// Postgres takes offsets up to ±15:59, but no time zone is further from UTC than ±14:00.
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-](\d{2}):([0-5]\d))$/;

/**
 * ISO 8601 date and time with an offset that Postgres can store: a real calendar date in the
 * years 0001–9999, both as written and in UTC, and an offset within ±14:00.
 */
export function isIsoDateTime(value: string): boolean {
  const match = DATE_TIME.exec(value);
  if (!match || !isIsoDate(match[1]!)) return false;
  if (match[6] !== undefined && Number(match[6]) * 60 + Number(match[7]) > 14 * 60) return false;
  const year = new Date(value).getUTCFullYear();
  return year >= 1 && year <= 9999;
}

export const isoDate = z.string().refine(isIsoDate, 'expected a date YYYY-MM-DD (years 0001–9999)');
export const isoDateTime = z
  .string()
  .refine(isIsoDateTime, 'expected a date and time with an offset, such as 2026-12-02T10:00:00+03:00 (years 0001–9999)');
