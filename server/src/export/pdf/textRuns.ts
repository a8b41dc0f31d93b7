/** Marks of a text run, as flags the Typst template reads. */
export interface RunStyle {
  b?: true;
  i?: true;
  u?: true;
}

/** Inline content of a paragraph-like block. `wbr` is a break opportunity inside a long word. */
export type TypstInline = ({ t: 'text'; s: string } & RunStyle) | { t: 'br' } | { t: 'wbr' };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// C0/C1 controls and line/paragraph separators: a text run is one line of one paragraph.
const CONTROLS = /[\p{Cc}\u2028\u2029]/gu;
// Digits joined by hyphens (ISO dates, phone and reference numbers). After an Arabic letter UAX #9
// turns the digits into Arabic numbers and the hyphens into right-to-left neutrals, which shows
// 2026-11-25 as 25-11-2026; a left-to-right isolate keeps the number as typed.
const HYPHENATED_NUMBER = /[0-9\u0660-\u0669\u06F0-\u06F9]+(?:-[0-9\u0660-\u0669\u06F0-\u06F9]+)+/g;
const LRI = '\u2066';
const PDI = '\u2069';

/**
 * Words longer than this get break opportunities every `LONG_WORD_CHUNK` characters, because
 * Typst never breaks inside a word and it would run off the page or out of a table cell.
 * Long enough to leave real words alone, short enough for the narrowest table column.
 */
const LONG_WORD = 24;
const LONG_WORD_CHUNK = 12;
const LONG_WORD_RE = new RegExp(`\\S{${LONG_WORD + 1},}`, 'gu');

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * Well-formed UTF-16 without control characters: Typst's JSON parser rejects lone surrogates,
 * and a text run is one line of one paragraph.
 */
export function sanitizeText(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROLS, ' ');
}

/** User text as the template prints it: sanitized, hyphenated numbers kept left-to-right. */
export function cleanText(text: string): string {
  return sanitizeText(text).replace(HYPHENATED_NUMBER, (match) => `${LRI}${match}${PDI}`);
}

/** Splits a word into chunks of whole grapheme clusters, so combining marks stay on their base. */
function chunkWord(word: string): string[] {
  const chunks: string[] = [];
  let chunk = '';
  let count = 0;
  for (const { segment } of graphemes.segment(word)) {
    chunk += segment;
    if (++count === LONG_WORD_CHUNK) {
      chunks.push(chunk);
      chunk = '';
      count = 0;
    }
  }
  if (chunk) chunks.push(chunk);
  return chunks;
}

/** One text node (or attribute value) as runs with the given style, long words made breakable. */
export function textRuns(text: string, style: RunStyle = {}): TypstInline[] {
  const clean = cleanText(text);
  if (!clean) return [];
  const runs: TypstInline[] = [];
  let pending = '';
  let last = 0;
  for (const match of clean.matchAll(LONG_WORD_RE)) {
    pending += clean.slice(last, match.index);
    chunkWord(match[0]).forEach((chunk, i) => {
      if (i > 0) {
        runs.push({ t: 'text', s: pending, ...style }, { t: 'wbr' });
        pending = '';
      }
      pending += chunk;
    });
    last = match.index + match[0].length;
  }
  pending += clean.slice(last);
  runs.push({ t: 'text', s: pending, ...style });
  return runs;
}
