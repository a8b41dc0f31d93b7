import { describe, expect, it } from 'vitest';
import { cleanText, textRuns } from './textRuns.js';

describe('text runs for the PDF', () => {
  it('gives long words break opportunities without splitting a letter from its marks', () => {
    const word = 'مُحَضَّرٌ'.repeat(8);
    const runs = textRuns(`قبل ${word} بعد`, { b: true });
    expect(runs.some((r) => r.t === 'wbr')).toBe(true);
    const joined = runs.map((r) => (r.t === 'text' ? r.s : '')).join('');
    expect(joined).toBe(`قبل ${word} بعد`);
    for (const r of runs) {
      if (r.t === 'text') {
        expect(r.b).toBe(true);
        // No chunk starts with a combining mark.
        expect(r.s).not.toMatch(/^\p{M}/u);
      }
    }
  });

  it('leaves ordinary words alone', () => {
    expect(textRuns('internationalization and الاستراتيجيات')).toEqual([{ t: 'text', s: 'internationalization and الاستراتيجيات' }]);
  });

  it('keeps hyphenated numbers left to right and drops what JSON or Typst cannot take', () => {
    expect(cleanText('في 2026-11-25 و ٢٠٢٦-١١-٢٥ و 12.5%')).toBe('في \u20662026-11-25\u2069 و \u2066٢٠٢٦-١١-٢٥\u2069 و 12.5%');
    expect(cleanText('a\uD800b\u0000c\nd\u2028e')).toBe('a\uFFFDb c d e');
  });

});

/** Arabic letters that do not join the letter after them (plus hamza, which joins neither side). */
const UNJOINED_AFTER = new Set('ءآأؤإاةدذرزو');

describe('break opportunities in long words', () => {
  const texts = (runs: ReturnType<typeof textRuns>) => runs.flatMap((r) => (r.t === 'text' ? [r.s] : []));

  it('leaves words of up to 20 characters whole, Arabic or not', () => {
    for (const word of ['مقاتلالصحراءمقاتلا', 'وَالْمُشْتَرَكَةُ', 'a'.repeat(20), 'ب'.repeat(20)]) {
      expect(textRuns(`قبل ${word} بعد`).some((r) => r.t === 'wbr'), word).toBe(false);
    }
    expect(textRuns('a'.repeat(21)).some((r) => r.t === 'wbr')).toBe(true);
  });

  it('breaks Arabic words only between letters that are not joined, never inside lam-alef', () => {
    const word = 'مقاتلالصحراء'.repeat(25);
    const runs = textRuns(word);
    const chunks = texts(runs);
    expect(chunks.join('')).toBe(word);
    expect(chunks.length).toBeGreaterThan(10);
    for (const [i, chunk] of chunks.slice(0, -1).entries()) {
      const last = chunk.at(-1) ?? '';
      const next = chunks[i + 1]?.[0] ?? '';
      expect(UNJOINED_AFTER.has(last) || next === 'ء', `${chunk} | ${chunks[i + 1]}`).toBe(true);
      expect(last === 'ل' && next === 'ا').toBe(false);
    }
    // Pieces stay short enough for a narrow table column.
    for (const chunk of chunks) expect([...chunk].length).toBeLessThanOrEqual(20);
  });

  it('breaks a run of joined letters only when it has to, and not inside lam-alef', () => {
    const word = `${'ب'.repeat(19)}لا${'ب'.repeat(45)}`;
    const chunks = texts(textRuns(word));
    expect(chunks.join('')).toBe(word);
    expect(chunks[0]).toBe(`${'ب'.repeat(19)}لا`);
    expect(chunks.slice(1).map((c) => c.length)).toEqual([20, 20, 5]);
  });

  it('breaks Latin words every 12 characters at most, URLs after their punctuation', () => {
    expect(texts(textRuns('abcdefghij'.repeat(3)))).toEqual(['abcdefghijab', 'cdefghijabcd', 'efghij']);
    expect(texts(textRuns('https://example.gov.kw/documents/minutes.pdf'))).toEqual([
      'https://',
      'example.',
      'gov.',
      'kw/',
      'documents/',
      'minutes.',
      'pdf',
    ]);
  });

  it('gives the first break opportunity of a word the whole word and its style, for the template to measure', () => {
    const word = 'Supercalifragilistic'.repeat(3);
    const runs = textRuns(`The ${word} word`, { b: true, i: true });
    const breaks = runs.filter((r) => r.t === 'wbr');
    expect(breaks.length).toBeGreaterThan(1);
    expect(breaks[0]).toEqual({ t: 'wbr', word, b: true, i: true });
    for (const b of breaks.slice(1)) expect(b).toEqual({ t: 'wbr', b: true, i: true });
  });
});

describe('a word of 200,000 characters', () => {
  it('is split in linear time', () => {
    for (const word of ['x'.repeat(200_000), 'مقاتلالصحراء'.repeat(16_667)]) {
      const started = performance.now();
      const runs = textRuns(word);
      // About 0.15 s on a quiet machine (0.7 s on a loaded one); the quadratic splitting took 20 s.
      expect(performance.now() - started, `${word.slice(0, 5)}…`).toBeLessThan(2000);
      expect(runs.flatMap((r) => (r.t === 'text' ? [r.s] : [])).join('')).toBe(word);
    }
  });
});
