import { describe, expect, it } from 'vitest';
import { snippetsOf } from './highlights.js';
import { SNIPPET_LENGTH } from './snippet.js';

const marked = (s: { snippet: string; highlights: [number, number][] }) => s.highlights.map(([a, b]) => s.snippet.slice(a, b));

/** A stand-in for the database's stemming: a word matches when it is in `hits`; every question is recorded. */
function matcher(hits: string[]) {
  const asked: string[][] = [];
  return {
    asked,
    isMatch: async (words: string[]) => {
      asked.push(words);
      return new Set(words.filter((w) => hits.includes(w)));
    },
  };
}

describe('snippetsOf', () => {
  it('checks each distinct word of short texts once, in one question', async () => {
    const m = matcher(['NATO']);
    const [a, b] = await snippetsOf(['تمرين مع NATO في الربيع', 'NATO في الخريف'], m.isMatch);
    expect(m.asked).toHaveLength(1);
    expect([...m.asked[0]!].sort()).toEqual(['NATO', 'الخريف', 'الربيع', 'تمرين', 'في', 'مع'].sort());
    expect(marked(a!)).toEqual(['NATO']);
    expect(marked(b!)).toEqual(['NATO']);
  });

  it('does not check the words of a long block past its snippet', async () => {
    const tail = Array.from({ length: 2000 }, (_, i) => `ذيل${i}`).join(' ');
    const text = `${'تمهيد '.repeat(100)}ساندهيرست ${tail}`;
    const m = matcher(['ساندهيرست']);
    const [s] = await snippetsOf([text], m.isMatch);
    expect(marked(s!)).toEqual(['ساندهيرست']);
    expect(s!.snippet.startsWith('…') && s!.snippet.endsWith('…')).toBe(true);
    const asked = m.asked.flat();
    // Words past the match's snippet are never asked about (the text has 2,000 of them).
    const lastAsked = Math.max(...asked.map((w) => text.indexOf(w)));
    expect(lastAsked).toBeLessThan(text.indexOf('ساندهيرست') + 3 * SNIPPET_LENGTH);
    expect(asked.length).toBeLessThan(200);
  });

  it('reads on, a round at a time, to a match far into a text', async () => {
    const text = `${Array.from({ length: 600 }, (_, i) => `كلمة${i}`).join(' ')} مناورات نهاية`;
    const m = matcher(['مناورات']);
    const [s] = await snippetsOf([text, 'مناورات قصيرة'], m.isMatch);
    expect(marked(s!)).toEqual(['مناورات']);
    expect(s!.snippet.endsWith('نهاية')).toBe(true);
    expect(m.asked.length).toBeGreaterThan(1);
    // No word is asked about twice.
    expect(new Set(m.asked.flat()).size).toBe(m.asked.flat().length);
  });
});
