const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Well-formed UTF-16: a lone surrogate (half of a character, which no UTF-8 encoder can write)
 * becomes U+FFFD, as a UTF-8 encoder would silently make it.
 */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * Text as a Postgres `text` column takes it: well-formed and without U+0000, which Postgres
 * refuses outright (one such character in a row fails its whole statement). Everything the
 * server copies out of a document into a table goes through here.
 */
export function storableText(text: string): string {
  return wellFormed(text).replaceAll('\u0000', '');
}
