import type { TextLanguage } from './formatting.js';

/**
 * The time zones offered for a meeting (the two sides' capitals, and UTC), each as a reader
 * says it after a time: "10:00 ص بتوقيت الكويت", "10:00 AM Kuwait time". A meeting's record
 * named its zone by offset ("غرينتش+3") while its page said «توقيت الكويت».
 */
export const TIME_ZONES = ['Asia/Kuwait', 'Europe/London', 'UTC'] as const;

export type OfferedTimeZone = (typeof TIME_ZONES)[number];

const AFTER_A_TIME: Record<OfferedTimeZone, Record<TextLanguage, string>> = {
  'Asia/Kuwait': { ar: 'بتوقيت الكويت', en: 'Kuwait time' },
  'Europe/London': { ar: 'بتوقيت لندن', en: 'London time' },
  UTC: { ar: 'بالتوقيت العالمي المنسق', en: 'UTC' },
};

export function isOfferedTimeZone(zone: string): zone is OfferedTimeZone {
  return Object.hasOwn(AFTER_A_TIME, zone);
}

/** How `zone` is named after a time in `language`; none for a zone not offered (written by its offset). */
export function zoneAfterTime(zone: string, language: TextLanguage): string | undefined {
  return isOfferedTimeZone(zone) ? AFTER_A_TIME[zone][language] : undefined;
}
