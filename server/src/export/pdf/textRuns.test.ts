import { describe, expect, it } from 'vitest';
import { firstStrongDirection } from './textDirection.js';
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

  it('finds the first strong direction as dir="auto" does', () => {
    expect(firstStrongDirection('123 مرحبا')).toBe('rtl');
    expect(firstStrongDirection('«UK» الوفد')).toBe('ltr');
    expect(firstStrongDirection('\u2067مرحبا\u2069 hello')).toBe('ltr');
    expect(firstStrongDirection('\u200F123')).toBe('rtl');
    expect(firstStrongDirection('پ')).toBe('rtl');
    expect(firstStrongDirection('12.5% — 😀')).toBeUndefined();
  });
});
