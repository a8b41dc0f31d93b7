import { TextRun } from 'docx';
import { directionSpans, type Direction } from '../pdf/textDirection.js';
import { LATIN_FONT } from './fonts.js';
import type { RunStyle, TypstInline } from '../pdf/textRuns.js';

/** Sizes are in half-points, as WordprocessingML counts them. */
export const BODY_SIZE = 22;
/**
 * Arabic script is set larger than Latin, as in the PDF (`arabic-scale` in minutes.typ: Naskh draws
 * its letters smaller than Noto Sans at the same size). Word keeps a separate size for complex
 * script text (`w:szCs`), so every run carries both.
 */
const ARABIC_SCALE = 1.13;

export function complexScriptSize(size: number): number {
  return Math.round(size * ARABIC_SCALE);
}

/** How runs look beyond their own marks: a heading's size, a label's weight, the footer's colour. */
export interface RunLook {
  size?: number;
  bold?: boolean;
  color?: string;
}

// The text is sanitized for the PDF already (textRuns.ts: well-formed, no control characters);
// XML 1.0 also refuses these two, which JSON accepts.
const NOT_XML = /[\uFFFE\uFFFF]/g;
// A left-to-right isolate around a number (`cleanText` wraps 2026-11-25 in one, see textRuns.ts).
const ISOLATED = /\u2066([^\u2066-\u2069]*)\u2069/g;
const LRM = '\u200E';

/**
 * Text as a Word document holds it: valid XML, and a number kept left-to-right by left-to-right
 * marks rather than an isolate. LibreOffice draws isolate controls with a fallback font (readers
 * then take the line apart) and Word before 2016 ignores them; a mark on each side gives the same
 * order (UAX #9 W7: digits after a left-to-right character are left-to-right) everywhere.
 */
export function wordText(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(ISOLATED, `${LRM}$1${LRM}`);
}

/**
 * What Noto Naskh Arabic draws: Arabic, marks, spaces, digits and a little punctuation. The PDF sets
 * the rest in Noto Sans (Typst's font list). Word and LibreOffice draw neutral characters next to
 * Arabic (brackets, quotes, dashes, slashes, %) in the complex script font, so these get Noto Sans
 * as theirs, rather than whatever font the reader's system finds for them.
 */
const IN_NASKH = /[\p{M}0-9.,:!\u00A0\u00AB\u00BB\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\u200B-\u2011\uFB50-\uFDFF\uFE70-\uFEFC]/u;
const SPACE = /\s/u;
const LETTER = /\p{L}/u;

/** Text cut where it moves between punctuation Naskh lacks and everything else (a space goes with what precedes it). */
function byFont(text: string): { text: string; naskh: boolean }[] {
  const out: { text: string; naskh: boolean }[] = [];
  for (const ch of text) {
    const last = out.at(-1);
    const naskh = SPACE.test(ch) ? (last?.naskh ?? true) : LETTER.test(ch) || IN_NASKH.test(ch);
    if (last && last.naskh === naskh) last.text += ch;
    else out.push({ text: ch, naskh });
  }
  return out;
}

type Piece = { text: string; style: RunStyle } | { br: true };

function sameStyle(a: RunStyle, b: RunStyle): boolean {
  return a.b === b.b && a.i === b.i && a.u === b.u;
}

/**
 * The runs as Word needs them: a long word's break opportunities (`wbr`, `pbr`: Typst's, see
 * textRuns.ts) dropped and its pieces joined again, since Word breaks a word wider than its line
 * by itself and a word split over runs may lose its letters' joining.
 */
function pieces(inlines: TypstInline[]): Piece[] {
  const out: Piece[] = [];
  for (const r of inlines) {
    if (r.t === 'br') {
      out.push({ br: true });
    } else if (r.t === 'text' && r.s) {
      const style: RunStyle = { ...(r.b && { b: true }), ...(r.i && { i: true }), ...(r.u && { u: true }) };
      const last = out.at(-1);
      if (last && 'text' in last && sameStyle(last.style, style)) last.text += r.s;
      else out.push({ text: r.s, style });
    }
  }
  for (const p of out) if ('text' in p) p.text = wordText(p.text);
  return out;
}

function textRuns(text: string, dir: Direction, style: RunStyle, look: RunLook): TextRun[] {
  const parts = byFont(text);
  // A left-to-right run (Latin, a number) stays whole: Naskh and Noto Sans draw digits alike.
  if (dir === 'ltr') return [textRun(text, dir, style, look, parts.every((p) => p.naskh))];
  return parts.map((p) => textRun(p.text, dir, style, look, p.naskh));
}

function textRun(text: string, dir: Direction, style: RunStyle, look: RunLook, naskh: boolean): TextRun {
  const bold = Boolean(style.b || look.bold);
  return new TextRun({
    text,
    ...(!naskh && { font: { cs: LATIN_FONT } }),
    // Only right-to-left letters (and what sits between them) are marked: a Latin word or a number in
    // a run marked right-to-left would be reversed or shaped as Arabic.
    ...(dir === 'rtl' && { rightToLeft: true }),
    ...(bold && { bold: true, boldComplexScript: true }),
    ...(style.i && { italics: true, italicsComplexScript: true }),
    ...(style.u && { underline: {} }),
    // Sizes on every run, not only in the styles: a paragraph copied into another document keeps them.
    size: look.size ?? BODY_SIZE,
    sizeComplexScript: complexScriptSize(look.size ?? BODY_SIZE),
    ...(look.color !== undefined && { color: look.color }),
  });
}

/** Inline content of a paragraph of direction `dir` as Word runs, each in the direction of its script. */
export function runsOf(inlines: TypstInline[], dir: Direction, look: RunLook = {}): TextRun[] {
  const list = pieces(inlines);
  // Directions are resolved over the whole paragraph, so that a space between a bold and a plain
  // Arabic word is as right-to-left as the words.
  const whole = list.map((p) => ('text' in p ? p.text : '\n')).join('');
  const spans = directionSpans(whole, dir);
  const runs: TextRun[] = [];
  let offset = 0;
  let span = 0;
  for (const p of list) {
    if (!('text' in p)) {
      runs.push(new TextRun({ break: 1 }));
      offset += 1;
      continue;
    }
    const end = offset + p.text.length;
    while (offset < end) {
      while ((spans[span]?.end ?? Infinity) <= offset) span++;
      const current = spans[span];
      const stop = Math.min(end, current?.end ?? end);
      runs.push(...textRuns(whole.slice(offset, stop), current?.dir ?? dir, p.style, look));
      offset = stop;
    }
  }
  return runs;
}

/** A fixed string (a label, a date) as runs. */
export function labelRuns(text: string, dir: Direction, look: RunLook = {}): TextRun[] {
  return runsOf([{ t: 'text', s: text }], dir, look);
}
