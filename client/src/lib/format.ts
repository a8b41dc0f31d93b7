import type { Locale } from '../../../shared/api/auth.js';
import type { DigitPolicy } from '../../../shared/domain.js';
import * as shared from '../../../shared/format/formatting.js';

/**
 * Digits of the Arabic interface for what belongs to no group: the pages of none (groups list,
 * administration) and the counts of those spanning groups (home, tracker, search). A group's
 * pages use the group's own policy, as its minutes and PDF do, and so do its meetings and items
 * where a page lists several groups' (the API gives each its `groupDigits`). The
 * formatting functions take the digits with no default: a component passes `useDigits()`, which
 * is one or the other depending on where it is shown (a default let the amendments panel write
 * «(٠)» on a meeting page that wrote everything else in Western digits).
 */
export const INTERFACE_DIGITS: DigitPolicy = 'arabic-indic';

/** The Intl locale of an interface language: Kuwaiti Arabic, British English. */
export function intlLocale(locale: Locale, digits: DigitPolicy): string {
  return shared.intlLocale(locale, digits);
}

/** A number as written in the interface language (١٦ / 16), matching the dates beside it. */
export function formatNumber(value: number, locale: Locale, digits: DigitPolicy): string {
  return shared.formatNumber(value, locale, digits);
}
