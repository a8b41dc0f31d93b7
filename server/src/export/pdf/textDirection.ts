import { firstStrongDirection, ISOLATE_CLOSE, ISOLATE_OPEN, strongDirectionOf, type Direction } from '../../../../shared/format/direction.js';

export type { Direction };

/** A block's direction: its explicit `dir` attribute, else its text's, else its parent's. */
export function resolveDirection(dirAttr: unknown, text: string, parent: Direction): Direction {
  if (dirAttr === 'rtl' || dirAttr === 'ltr') return dirAttr;
  return firstStrongDirection(text) ?? parent;
}

/** A stretch of text and the direction of its run. */
export interface DirectionSpan {
  start: number;
  end: number;
  dir: Direction;
}

/** A letter with its marks, a digit, a neutral, or a whole isolate (`LRI … PDI`, one neutral with a direction of its own). */
interface Unit {
  start: number;
  end: number;
  cls: 'R' | 'L' | 'EN' | 'N';
  own?: Direction;
  ch?: string;
}

const DIGIT = /\p{Nd}/u;
// UAX #9 classes CS and ES (a single one between two digits joins the number: 1,250,000 and 2026-11)
// and ET (next to a number, part of it: 12.5%, $40).
const NUMBER_SEPARATOR = new Set(',.:/+-\u060C\u066B\u066C\u2212');
const NUMBER_TERMINATOR = /[\p{Sc}%#°\u066A\u2030\u2031\u2032\u2033]/u;
const JOINING = /[\p{M}\u200C\u200D]/u;

function units(text: string): Unit[] {
  const chars = [...text];
  const out: Unit[] = [];
  let at = 0;
  for (let k = 0; k < chars.length; k++) {
    const ch = chars[k] ?? '';
    const start = at;
    at += ch.length;
    const prev = out.at(-1);
    if (ISOLATE_OPEN.has(ch)) {
      const own: Direction = ch === '\u2066' ? 'ltr' : ch === '\u2067' ? 'rtl' : (firstStrongDirection(text.slice(at)) ?? 'ltr');
      for (let depth = 1; depth > 0 && k + 1 < chars.length; ) {
        const next = chars[++k] ?? '';
        at += next.length;
        if (ISOLATE_OPEN.has(next)) depth++;
        else if (next === ISOLATE_CLOSE) depth--;
      }
      out.push({ start, end: at, cls: 'N', own });
    } else if (JOINING.test(ch) && prev && prev.own === undefined && prev.end === start) {
      prev.end = at;
    } else {
      const strong = strongDirectionOf(ch);
      if (strong) out.push({ start, end: at, cls: strong === 'rtl' ? 'R' : 'L' });
      else out.push({ start, end: at, cls: DIGIT.test(ch) ? 'EN' : 'N', ch });
    }
  }
  // W4: a single separator between two digits is part of the number.
  out.forEach((u, k) => {
    if (u.ch !== undefined && NUMBER_SEPARATOR.has(u.ch) && out[k - 1]?.cls === 'EN' && out[k + 1]?.cls === 'EN') u.cls = 'EN';
  });
  // W5: terminators next to a number (on either side) are part of it.
  const terminator = (u: Unit | undefined): u is Unit => u?.cls === 'N' && u.ch !== undefined && NUMBER_TERMINATOR.test(u.ch);
  for (let k = 1; k < out.length; k++) if (out[k - 1]?.cls === 'EN' && terminator(out[k])) (out[k] as Unit).cls = 'EN';
  for (let k = out.length - 2; k >= 0; k--) if (out[k + 1]?.cls === 'EN' && terminator(out[k])) (out[k] as Unit).cls = 'EN';
  return out;
}

/**
 * The runs of `text` in a paragraph of direction `base`, marked as a word processor needs them:
 * right-to-left letters right-to-left; Latin letters and digits left-to-right, so that "NATO" and
 * "2026" are never reversed; spaces and punctuation with the text on both sides when it agrees,
 * else with the paragraph (UAX #9 rules W7, N1 and N2: a number after right-to-left text counts as
 * right-to-left for the neutrals beside it). Linear in the length of the text.
 */
export function directionSpans(text: string, base: Direction): DirectionSpan[] {
  const list = units(text);
  // W7: a number after left-to-right text (or first in a left-to-right paragraph) is left-to-right.
  let strong: Direction = base;
  const sides: (Direction | undefined)[] = [];
  const dirs: (Direction | undefined)[] = list.map((u) => {
    if (u.cls === 'R' || u.cls === 'L') {
      strong = u.cls === 'R' ? 'rtl' : 'ltr';
      sides.push(strong);
      return strong;
    }
    if (u.cls === 'EN') {
      sides.push(strong === 'ltr' ? 'ltr' : 'rtl');
      return 'ltr';
    }
    sides.push(undefined);
    return undefined;
  });
  // N1/N2: neutrals take the side of what is before and after them when both agree.
  const after: Direction[] = Array.from({ length: list.length }, () => base);
  let next: Direction = base;
  for (let k = list.length - 1; k >= 0; k--) {
    after[k] = next;
    next = sides[k] ?? next;
  }
  let before: Direction = base;
  const spans: DirectionSpan[] = [];
  list.forEach((u, k) => {
    const dir = dirs[k] ?? u.own ?? (before === after[k] ? before : base);
    before = sides[k] ?? before;
    const last = spans.at(-1);
    if (last && last.dir === dir && last.end === u.start) last.end = u.end;
    else spans.push({ start: u.start, end: u.end, dir });
  });
  return spans;
}
