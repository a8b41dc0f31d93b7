import type { Locale } from '../../../shared/api/auth.js';
import type { DigitPolicy } from '../../../shared/domain.js';
import * as shared from '../../../shared/format/formatting.js';

/**
 * Digits of the Arabic interface on pages that belong to no group (groups list, tracker,
 * administration). A group's pages use the group's own policy (`useDigits`), as its minutes
 * and PDF do.
 */
export const INTERFACE_DIGITS: DigitPolicy = 'arabic-indic';

/** The Intl locale of an interface language: Kuwaiti Arabic, British English. */
export function intlLocale(locale: Locale, digits: DigitPolicy = INTERFACE_DIGITS): string {
  return shared.intlLocale(locale, digits);
}

/** A number as written in the interface language (١٦ / 16), matching the dates beside it. */
export function formatNumber(value: number, locale: Locale, digits: DigitPolicy = INTERFACE_DIGITS): string {
  return shared.formatNumber(value, locale, digits);
}
