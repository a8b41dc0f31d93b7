/** Longest snippet, in UTF-16 code units (without the ellipses). */
export const SNIPPET_LENGTH = 240;
/** Context kept before the first matching word when a text is cut. */
const LEAD = 60;

export interface Snippet {
  snippet: string;
  /** `[start, end)` in UTF-16 code units of `snippet`. */
  highlights: [number, number][];
}

interface Located {
  start: number;
  end: number;
  hit: boolean;
}

/**
 * Places the words (as the database split the text, in order) in the text. Between two words
 * there are only characters that are not part of any word, so the next occurrence of a word
 * after the previous one is that word.
 */
function locate(text: string, words: { word: string; hit: boolean }[]): Located[] {
  const located: Located[] = [];
  let cursor = 0;
  for (const { word, hit } of words) {
    const start = text.indexOf(word, cursor);
    if (start < 0) break;
    cursor = start + word.length;
    located.push({ start, end: cursor, hit });
  }
  return located;
}

/**
 * The text, or a window of it cut at word boundaries around its first matching word, with the
 * matching words' offsets in what is returned.
 */
export function snippetOf(text: string, words: { word: string; hit: boolean }[], length = SNIPPET_LENGTH): Snippet {
  const located = locate(text, words);
  let start = 0;
  let end = text.length;
  if (text.length > length) {
    const anchor = located.find((w) => w.hit)?.start ?? 0;
    start = Math.max(0, Math.min(anchor - LEAD, text.length - length));
    if (start > 0) start = located.find((w) => w.start >= start)?.start ?? start;
    end = Math.min(text.length, start + length);
    if (end < text.length) {
      const last = located.filter((w) => w.end <= end && w.start >= start).at(-1);
      if (last) end = last.end;
    }
  }
  const before = start > 0 ? '…' : '';
  const after = end < text.length ? '…' : '';
  const shift = before.length - start;
  return {
    snippet: before + text.slice(start, end) + after,
    highlights: located.filter((w) => w.hit && w.start >= start && w.end <= end).map((w) => [w.start + shift, w.end + shift]),
  };
}
