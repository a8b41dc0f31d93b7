import type { Locale } from '../../../shared/api/auth.js';

/** The Intl locale of an interface language: Kuwaiti Arabic (Arabic-Indic digits), British English. */
export function intlLocale(locale: Locale): string {
  return locale === 'ar' ? 'ar-KW' : 'en-GB';
}

/** A number as written in the interface language (١٦ / 16), matching the dates beside it. */
export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale), { useGrouping: false }).format(value);
}
