import { SNIPPET_LENGTH, snippetOf, type Snippet } from './snippet.js';

/** Letters (with their marks), digits: what the normaliser and the parsers read as words. */
// oxlint-disable-next-line no-misleading-character-class -- the marks are in the class on purpose: a word keeps its tashkeel
const WORD = /[0-9A-Za-z\u00C0-\u024F\u0610-\u061A\u0620-\u0669\u066E-\u06D3\u06D5-\u06ED\u06F0-\u06F9]+/g;

/** How far into a text each round looks for words to mark (from where the last round ended). */
const CHUNK = 2 * SNIPPET_LENGTH;

interface Word {
  word: string;
  start: number;
  end: number;
}

/**
 * The snippet of each text with its matching words marked. Only the words a snippet can show
 * are checked: from the start of the text up to a snippet's length past its first matching word
 * (a round reads `CHUNK` more characters of the texts still without one), each distinct word
 * once for all texts, in one query per round (`isMatch`). A block of pages is not stemmed
 * whole to show 240 characters of it.
 */
export async function snippetsOf(texts: string[], isMatch: (words: string[]) => Promise<Set<string>>): Promise<Snippet[]> {
  const words: Word[][] = texts.map((text) => [...text.matchAll(WORD)].map((m) => ({ word: m[0], start: m.index, end: m.index + m[0].length })));
  const hit = new Map<string, boolean>();
  // How many of each text's words (from its start) are checked.
  const checked = texts.map(() => 0);
  const done = (i: number) => {
    const list = words[i]!;
    if (checked[i] === list.length) return true;
    const first = list.slice(0, checked[i]).find((w) => hit.get(w.word));
    return first !== undefined && list[checked[i]! - 1]!.end >= first.start + SNIPPET_LENGTH;
  };
  for (;;) {
    const ask = new Set<string>();
    let extended = false;
    texts.forEach((_, i) => {
      if (done(i)) return;
      const list = words[i]!;
      const until = (checked[i] === 0 ? 0 : list[checked[i]! - 1]!.end) + CHUNK;
      while (checked[i]! < list.length && list[checked[i]!]!.start < until) {
        const { word } = list[checked[i]!]!;
        if (!hit.has(word)) ask.add(word);
        checked[i]!++;
      }
      extended = true;
    });
    if (!extended) break;
    if (ask.size === 0) continue;
    const matching = await isMatch([...ask]);
    for (const word of ask) hit.set(word, matching.has(word));
  }
  return texts.map((text, i) => snippetOf(text, words[i]!.slice(0, checked[i]).map(({ word }) => ({ word, hit: hit.get(word)! }))));
}
