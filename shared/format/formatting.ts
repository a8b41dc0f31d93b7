import type { DigitPolicy } from '../domain.js';
import { zoneAfterTime } from './timeZones.js';
import { dateTimeFormat, isTimeZone, numberFormat } from './intlCache.js';

/**
 * THE formatting of numbers and dates the app writes itself, used by the interface, the text the
 * server writes into the minutes and the PDF, so that one group's digit policy reads the same in
 * all three. Arabic follows the group's policy; English always has Western digits. Month names
 * are those of Kuwait's Arabic (ديسمبر) and of British English (December).
 */

/** A language text is written in. */
export type TextLanguage = 'ar' | 'en';

/** The Intl locale of a language under a digit policy. */
export function intlLocale(language: TextLanguage, digits: DigitPolicy): string {
  if (language === 'en') return 'en-GB';
  return digits === 'arabic-indic' ? 'ar-KW-u-nu-arab' : 'ar-KW-u-nu-latn';
}

const ARABIC_INDIC = '٠١٢٣٤٥٦٧٨٩';

/** `text` with its Western digits written as the policy says (for values Intl does not format: hashes stay as they are). */
export function withDigits(text: string, language: TextLanguage, digits: DigitPolicy): string {
  if (language === 'en' || digits === 'western') return text;
  return text.replace(/[0-9]/g, (d) => ARABIC_INDIC[Number(d)]!);
}

/** A whole number as written in the language (١٦ / 16), without grouping: session and version numbers. */
export function formatNumber(value: number, language: TextLanguage, digits: DigitPolicy): string {
  return numberFormat(intlLocale(language, digits), { useGrouping: false }).format(value);
}

/** A calendar day (`YYYY-MM-DD`, no time or zone) written out: "31 ديسمبر 2026", "31 December 2026". `short` abbreviates the month in English. */
export function formatDay(day: string, language: TextLanguage, digits: DigitPolicy, style: 'long' | 'medium' = 'long'): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(date.getTime())) return day;
  const month = style === 'long' ? 'long' : 'short';
  return dateTimeFormat(intlLocale(language, digits), { day: 'numeric', month, year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** `timeZone` if Intl knows it, else UTC (a stored zone must never make formatting throw). */
export function safeTimeZone(timeZone: string): string {
  return isTimeZone(timeZone) ? timeZone : 'UTC';
}

/**
 * An instant's date and time on the clocks of `timeZone`: "الخميس، 31 ديسمبر 2026" and
 * "10:00 ص بتوقيت الكويت" (a zone not offered for meetings by its offset: "10:00 ص غرينتش+4").
 */
export function formatDateTimeParts(instant: Date, timeZone: string, language: TextLanguage, digits: DigitPolicy): { date: string; time: string } {
  const locale = intlLocale(language, digits);
  const zone = safeTimeZone(timeZone);
  const named = zoneAfterTime(zone, language);
  // The time as the interface writes it (`timeStyle: 'short'`, "1:30 ص", not "01:30 ص"); Intl
  // takes no zone name with a time style, so a zone named by its offset spells the fields out.
  const time = named
    ? `${dateTimeFormat(locale, { timeZone: zone, timeStyle: 'short' }).format(instant)} ${named}`
    : dateTimeFormat(locale, { timeZone: zone, hour: 'numeric', minute: '2-digit', timeZoneName: 'shortOffset' }).format(instant);
  return {
    date: dateTimeFormat(locale, { timeZone: zone, dateStyle: 'full' }).format(instant),
    time,
  };
}

/** An instant as one string on the clocks of `timeZone` (meeting dates in the interface). */
export function formatDateTime(instant: Date, timeZone: string, language: TextLanguage, digits: DigitPolicy, style: 'full' | 'medium' = 'full'): string {
  return dateTimeFormat(intlLocale(language, digits), { dateStyle: style, timeStyle: 'short', timeZone: safeTimeZone(timeZone) }).format(instant);
}
