/**
 * Which way a text runs when nothing says so, as a browser resolves `dir="auto"`: one rule for
 * the editor, the pages and the PDF and Word exporters.
 */
export type Direction = 'rtl' | 'ltr';

// Letters of these scripts are strong right-to-left (bidi classes R and AL).
const RTL_LETTER =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Yezidi}]/u;
const LETTER = /\p{L}/u;

/** LRI, RLI, FSI and PDI: an isolate's inside does not count for the text around it. */
export const ISOLATE_OPEN = new Set(['\u2066', '\u2067', '\u2068']);
export const ISOLATE_CLOSE = '\u2069';

/** The direction of a strong character (a letter, or RLM, ALM, LRM); undefined for any other. */
export function strongDirectionOf(ch: string): Direction | undefined {
  if (ch === '\u200F' || ch === '\u061C') return 'rtl';
  if (ch === '\u200E') return 'ltr';
  if (!LETTER.test(ch)) return undefined;
  return RTL_LETTER.test(ch) ? 'rtl' : 'ltr';
}

/**
 * Direction of the first strong character, as a browser resolves `dir="auto"` (UAX #9 rules
 * P2–P3): text inside isolates is skipped, LRM/RLM/ALM count as strong, digits and punctuation
 * do not. `undefined` when there is no strong character.
 */
export function firstStrongDirection(text: string): Direction | undefined {
  let isolates = 0;
  for (const ch of text) {
    if (ISOLATE_OPEN.has(ch)) {
      isolates++;
    } else if (ch === ISOLATE_CLOSE) {
      if (isolates > 0) isolates--;
    } else if (isolates === 0) {
      const strong = strongDirectionOf(ch);
      if (strong) return strong;
    }
  }
  return undefined;
}
