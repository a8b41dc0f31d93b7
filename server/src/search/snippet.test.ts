import { describe, expect, it } from 'vitest';
import { snippetOf } from './snippet.js';

const words = (text: string, hits: string[]) => (text.match(/[\p{L}\p{M}\p{N}]+/gu) ?? []).map((word) => ({ word, hit: hits.includes(word) }));
const marked = (s: { snippet: string; highlights: [number, number][] }) => s.highlights.map(([a, b]) => s.snippet.slice(a, b));

describe('snippetOf', () => {
  it('returns a short text whole, with the matching words as UTF-16 offsets', () => {
    const text = 'وافقَ الجانبانِ على «مقاتل الصحراء» مع NATO 😀 والتدريب';
    const s = snippetOf(text, words(text, ['الصحراء', 'NATO', 'والتدريب']));
    expect(s.snippet).toBe(text);
    expect(marked(s)).toEqual(['الصحراء', 'NATO', 'والتدريب']);
    // Offsets count code units: the emoji before the last word is two.
    expect(s.highlights.at(-1)).toEqual([text.indexOf('والتدريب'), text.length]);
  });

  it('cuts a long text at word boundaries around the first match, marking the cuts', () => {
    const filler = Array.from({ length: 60 }, (_, i) => `كلمة${i}`).join(' ');
    const text = `${filler} ساندهيرست ${filler}`;
    const s = snippetOf(text, words(text, ['ساندهيرست']), 120);
    expect(s.snippet.startsWith('…')).toBe(true);
    expect(s.snippet.endsWith('…')).toBe(true);
    expect(s.snippet.length).toBeLessThanOrEqual(122);
    expect(marked(s)).toEqual(['ساندهيرست']);
    // Whole words only: every word of the snippet is a word of the text.
    for (const word of s.snippet.replaceAll('…', '').split(' ')) expect(text.split(' ')).toContain(word);
  });

  it('starts a long text at its beginning when the match is there, and keeps every hit inside', () => {
    const text = `NATO ${'x '.repeat(300)}NATO`;
    const s = snippetOf(text, words(text, ['NATO']), 100);
    expect(s.snippet.startsWith('NATO')).toBe(true);
    expect(marked(s)).toEqual(['NATO']);
  });
});
