import { describe, expect, it } from 'vitest';
import { directionSpans, type Direction } from './textDirection.js';

const runs = (text: string, base: Direction) => directionSpans(text, base).map((s) => [text.slice(s.start, s.end), s.dir]);

describe('direction runs for the Word export', () => {
  it('marks Arabic right-to-left and keeps Latin words and whole numbers left-to-right inside it', () => {
    expect(runs('ناقش الوفد UK MoD زيادة إلى 1,250,000 دينار بنسبة 12.5% في 2026.', 'rtl')).toEqual([
      ['ناقش الوفد ', 'rtl'],
      ['UK MoD', 'ltr'],
      [' زيادة إلى ', 'rtl'],
      ['1,250,000', 'ltr'],
      [' دينار بنسبة ', 'rtl'],
      ['12.5%', 'ltr'],
      [' في ', 'rtl'],
      ['2026', 'ltr'],
      ['.', 'rtl'],
    ]);
  });

  it('gives spaces and punctuation between two scripts to the paragraph', () => {
    expect(runs('The delegation الوفد الكويتي agreed.', 'ltr')).toEqual([
      ['The delegation ', 'ltr'],
      ['الوفد الكويتي', 'rtl'],
      [' agreed.', 'ltr'],
    ]);
    // Digits after English text are English (UAX #9 W7), whatever the paragraph.
    expect(runs('«NATO 2026» قال', 'rtl')).toEqual([
      ['«', 'rtl'],
      ['NATO 2026', 'ltr'],
      ['» قال', 'rtl'],
    ]);
  });

  it('keeps marks with their letter, and an isolate whole in its own direction', () => {
    expect(runs('مُحَضَّرٌ', 'ltr')).toEqual([['مُحَضَّرٌ', 'rtl']]);
    expect(runs('من \u20662026-11-25\u2069 إلى', 'rtl')).toEqual([
      ['من ', 'rtl'],
      ['\u20662026-11-25\u2069', 'ltr'],
      [' إلى', 'rtl'],
    ]);
    // An isolate left open runs to the end of the text.
    expect(runs('قبل \u2066open', 'rtl')).toEqual([
      ['قبل ', 'rtl'],
      ['\u2066open', 'ltr'],
    ]);
  });

  it('covers every character exactly once', () => {
    for (const text of ['', ' ', '123', 'a\u0301b', '😀 ب', '\u200F1\u200E2']) {
      const spans = directionSpans(text, 'rtl');
      expect(spans.map((s) => text.slice(s.start, s.end)).join('')).toBe(text);
      spans.forEach((s, i) => expect(s.start).toBe(i === 0 ? 0 : spans[i - 1]?.end));
    }
  });
});
