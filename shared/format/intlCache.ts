/**
 * Intl formatters made once per locale and options, and time zones checked once. Making a
 * DateTimeFormat costs about 150 µs (ICU loads the locale's patterns, and a zone's rules),
 * using one about 1 µs: the tracker writes three dates a row, an action item its due date at
 * each render of its node view (each keystroke in it), an export the meeting's dates.
 */

/** Keys are few (two languages, a few styles, the zones in use); bounded all the same. */
const MAX_ENTRIES = 256;

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();
const zones = new Map<string, boolean>();

function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  const found = cache.get(key);
  if (found !== undefined) return found;
  // What throws (an unknown zone) is not kept: it throws again next time, as Intl would.
  const made = make();
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(key, made);
  return made;
}

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(dateTimeFormats, `${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached(numberFormats, `${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}

/** Whether Intl knows the IANA zone `zone` (requests bring zones: none is near 64 characters long). */
export function isTimeZone(zone: string): boolean {
  if (zone.length > 64) return false;
  return cached(zones, zone, () => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  });
}
