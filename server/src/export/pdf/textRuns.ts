import { wellFormed } from '../../../../shared/storableText.js';

/** Marks of a text run, as flags the Typst template reads. */
export interface RunStyle {
  b?: true;
  i?: true;
  u?: true;
}

/**
 * Inline content of a paragraph-like block. `wbr` is a break opportunity inside a long word; the
 * first one of each word carries the whole word (`word`) and the word's style, so the template
 * can tell whether the word fits on a line and leave it whole when it does. `pbr` ends a
 * paragraph inside a word far too long for any line (see MAX_BREAKS_PER_PARAGRAPH).
 */
export type TypstInline =
  | ({ t: 'text'; s: string } & RunStyle)
  | { t: 'br' }
  | ({ t: 'wbr'; word?: string } & RunStyle)
  | { t: 'pbr' };

// C0/C1 controls and line/paragraph separators: a text run is one line of one paragraph.
const CONTROLS = /[\p{Cc}\u2028\u2029]/gu;
/**
 * Characters that take no room on a line: marks, format characters (joiners, zero-width space,
 * bidi controls) and the other default-ignorables. Tens of thousands of them on one line make
 * the PDF writer (krilla 0.6) panic on a text group over 64 KiB, which aborts the process, and
 * make the typesetting slow before that. No writing system puts more than a few in a row;
 * Unicode's stream-safe format (UAX #15) allows 30, and so does the PDF: the rest are dropped.
 */
const MAX_INVISIBLE_RUN = 30;
const INVISIBLE_RUN = new RegExp(`[\\p{M}\\p{Cf}\\p{Default_Ignorable_Code_Point}]{${MAX_INVISIBLE_RUN + 1},}`, 'gu');
// Digits joined by hyphens (ISO dates, phone and reference numbers). After an Arabic letter UAX #9
// turns the digits into Arabic numbers and the hyphens into right-to-left neutrals, which shows
// 2026-11-25 as 25-11-2026; a left-to-right isolate keeps the number as typed.
const HYPHENATED_NUMBER = /[0-9\u0660-\u0669\u06F0-\u06F9]+(?:-[0-9\u0660-\u0669\u06F0-\u06F9]+)+/g;
const LRI = '\u2066';
const PDI = '\u2069';

/**
 * Typst breaks lines only between words, so a word wider than its line (a URL, a reference, text
 * without spaces) would run off the page or out of a table cell. Words longer than this (in code
 * points) get break opportunities; the template uses them only when the word does not fit on a
 * line of its own (see `inline` in minutes.typ), so an ordinary word is never split. Up to this
 * length a word fits the narrowest table column.
 */
const LONG_WORD = 20;
const LONG_WORD_RE = new RegExp(`\\S{${LONG_WORD + 1},}`, 'gu');
/** Most graphemes between two break opportunities, so that every piece fits the narrowest column. */
const MAX_CHUNK = 12;
/**
 * Most Arabic graphemes without a break opportunity. A break between two joined letters would
 * show them unjoined even where the line does not break, so words break between unjoined letters
 * only (after alef, dal, reh, waw…), which real words have every few letters; a run of joined
 * letters this long (not a word of any language) breaks anyway.
 */
const MAX_JOINED = 20;
/**
 * Typst's time for one paragraph grows with the square of its break opportunities: one word of
 * 200,000 Arabic letters (67,000 of them) took 30 s. Such a word is set as several paragraphs,
 * one every this many breaks (about 10,000 letters, three pages), which takes a second.
 */
const MAX_BREAKS_PER_PARAGRAPH = 2000;
/**
 * A word of more graphemes than this cannot fit on a line of A4 in any script the fonts have, so
 * it always breaks: its breaks go without the whole word for the template to measure.
 */
const LONGER_THAN_A_LINE = 500;
/** Fewest graphemes between two breaks of such a word (see `chunkWord`). */
const MIN_CHUNK_OF_HUGE = 8;

// Arabic letters that never join the letter after them (joining types R and U of Unicode's
// ArabicShaping.txt): alef and hamza forms, dal, thal, reh, zain, waw, teh marbuta, alef wasla,
// and the Persian/Urdu ones (jeh, ddal, rreh, yeh barree, ae, the waw variants…).
const NON_LEFT_JOINING = new Set(
  '\u0621\u0622\u0623\u0624\u0625\u0627\u0629\u062F\u0630\u0631\u0632\u0648\u0671\u0672\u0673\u0674\u0675\u0676\u0677' +
    '\u0688\u0689\u068A\u068B\u068C\u068D\u068E\u068F\u0690\u0691\u0692\u0693\u0694\u0695\u0696\u0697\u0698\u0699' +
    '\u06C0\u06C3\u06C4\u06C5\u06C6\u06C7\u06C8\u06C9\u06CA\u06CB\u06CD\u06CF\u06D2\u06D3\u06D5\u06EE\u06EF',
);
// …and those that join neither side (joining type U): hamza and high hamza.
const NON_RIGHT_JOINING = new Set('\u0621\u0674');
// Lam and alef make a compulsory ligature: never split.
const LAM = new Set('\u0644\u06B5\u06B6\u06B7\u06B8');
const ALEF = new Set('\u0622\u0623\u0625\u0627\u0671\u0672\u0673\u0675');
// Letters of cursive scripts; any not listed above is taken to join on both sides.
const CURSIVE_LETTER =
  /^(?=[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}\p{Script=Mandaic}\p{Script=Mongolian}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}])\p{L}/u;
const TATWEEL = '\u0640';
const ZWJ = '\u200D';
const ZWNJ = '\u200C';
// Good places to break a URL or a path: after these.
const URL_BREAK_AFTER = new Set('/\\.-_?&=#~:;,|+)]}');

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
/** Code units handed to the segmenter at once (see `graphemeClusters`). */
const SEGMENT_WINDOW = 256;

/**
 * The grapheme clusters of `text`, in linear time. V8's segmenter takes time proportional to the
 * position of each segment it returns, so one word of 200,000 characters took about 20 s; here it
 * is fed windows that start at a known cluster boundary. The last cluster of a window may go on
 * past it, so the next window starts there. A window holding less than one whole cluster (a letter
 * with thousands of marks) is doubled until it holds one, and only that cluster is taken from it.
 */
export function graphemeClusters(text: string): string[] {
  const clusters: string[] = [];
  let start = 0;
  let size = SEGMENT_WINDOW;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    // Not between the two halves of a character: the half would end the cluster before it.
    if (/[\uDC00-\uDFFF]/.test(text.charAt(end))) end += 1;
    const grown = size > SEGMENT_WINDOW;
    let taken = 0;
    let last: string | undefined;
    for (const { segment } of graphemes.segment(text.slice(start, end))) {
      if (last !== undefined) {
        clusters.push(last);
        taken += last.length;
      }
      last = segment;
      if (grown && taken > 0) break;
    }
    if (end === text.length && !(grown && taken > 0) && last !== undefined) {
      clusters.push(last);
      taken += last.length;
    }
    if (taken === 0) {
      size *= 2;
    } else {
      start += taken;
      size = SEGMENT_WINDOW;
    }
  }
  return clusters;
}

/**
 * Well-formed UTF-16 without control characters: Typst's JSON parser rejects lone surrogates,
 * and a text run is one line of one paragraph. Runs of invisible characters are cut short.
 */
export function sanitizeText(text: string): string {
  return wellFormed(text)
    .replace(CONTROLS, ' ')
    .replace(INVISIBLE_RUN, (run) => [...run].slice(0, MAX_INVISIBLE_RUN).join(''));
}

/** User text as the template prints it: sanitized, hyphenated numbers kept left-to-right. */
export function cleanText(text: string): string {
  return sanitizeText(text).replace(HYPHENATED_NUMBER, (match) => `${LRI}${match}${PDI}`);
}

/** The last character of a grapheme cluster that takes part in joining (marks are transparent). */
function joiningEnd(cluster: string): string {
  const chars = [...cluster];
  for (let i = chars.length - 1; i > 0; i--) {
    const ch = chars[i] ?? '';
    if (ch === ZWJ || ch === ZWNJ || !/\p{M}|\p{Cf}/u.test(ch)) return ch;
  }
  return chars[0] ?? '';
}

function joinsAfter(cluster: string): boolean {
  const ch = joiningEnd(cluster);
  return ch === ZWJ || ch === TATWEEL || (CURSIVE_LETTER.test(ch) && !NON_LEFT_JOINING.has(ch));
}

function joinsBefore(cluster: string): boolean {
  const ch = [...cluster][0] ?? '';
  return ch === ZWJ || ch === TATWEEL || (CURSIVE_LETTER.test(ch) && !NON_RIGHT_JOINING.has(ch));
}

/** Between two clusters of a cursive script that do not join: a break there shows nothing. */
function isGap(before: string, after: string): boolean {
  return (CURSIVE_LETTER.test(before) || CURSIVE_LETTER.test(after)) && !(joinsAfter(before) && joinsBefore(after));
}

function isLamAlef(before: string, after: string): boolean {
  return LAM.has(joiningEnd(before)) && ALEF.has([...after][0] ?? '');
}

/**
 * Splits a long word into chunks of whole grapheme clusters (combining marks stay on their
 * letter) at the least visible places: between unjoined letters of a cursive script and after URL
 * punctuation, else after MAX_CHUNK graphemes (MAX_JOINED between joined letters). Each break is
 * only an opportunity: the line breaker takes the last one that fits. A word longer than any line
 * takes those places only once a chunk has MIN_CHUNK_OF_HUGE graphemes: a third of the pieces to
 * typeset, lines a little less full.
 */
function chunkWord(word: string): { chunks: string[]; fitsALine: boolean } {
  const clusters = graphemeClusters(word);
  const fitsALine = clusters.length <= LONGER_THAN_A_LINE;
  const least = fitsALine ? 1 : MIN_CHUNK_OF_HUGE;
  const chunks: string[] = [];
  let chunk = '';
  let count = 0;
  clusters.forEach((cluster, i) => {
    chunk += cluster;
    count++;
    const next = clusters[i + 1];
    if (next === undefined) return;
    let breakHere: boolean;
    if (joinsAfter(cluster) && joinsBefore(next)) {
      breakHere = count >= MAX_JOINED && !isLamAlef(cluster, next);
    } else if (isGap(cluster, next)) {
      breakHere = count >= least;
    } else if (URL_BREAK_AFTER.has(joiningEnd(cluster))) {
      // After a run of punctuation: "https://" stays whole.
      breakHere = count >= least && !URL_BREAK_AFTER.has([...next][0] ?? '');
    } else {
      breakHere = count >= MAX_CHUNK;
    }
    if (breakHere) {
      chunks.push(chunk);
      chunk = '';
      count = 0;
    }
  });
  if (chunk) chunks.push(chunk);
  return { chunks, fitsALine };
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
    const { chunks, fitsALine } = chunkWord(match[0]);
    const first: TypstInline = { t: 'wbr', ...(fitsALine ? { word: match[0] } : {}), ...style };
    chunks.forEach((chunk, i) => {
      if (i > 0) {
        runs.push({ t: 'text', s: pending, ...style });
        if (i === 1) runs.push(first);
        else if (i % MAX_BREAKS_PER_PARAGRAPH === 0) runs.push({ t: 'pbr' });
        else runs.push({ t: 'wbr', ...style });
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
