import { describe, expect, it } from 'vitest';
import { fuzzSeeds, withSeed } from '../../../../shared/testing/seeds.js';
import { graphemeClusters } from './textRuns.js';

const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });

// Characters whose clusters span several code points, and halves of characters: letters with
// marks, emoji with skin tones and joiners, flags, CR LF, Hangul jamo, lone surrogates.
const PIECES = [
  'a', 'ب', ' ', '\u0301', '\u064F', '\u0651', '\u200D', '\u200C', '👍', '🏽', '🇰', '🇼', '\r', '\n',
  '\uD800', '\uDC00', '\u1100', '\u1161', '\u11A8', '\u0640', '\u0600', '\uFE0F', '𐀀',
];

describe('grapheme clusters of long text', () => {
  it.each(fuzzSeeds([1, 2, 3, 4, 5, 6, 7, 8]))('are those of Intl.Segmenter (seed %i)', (seed) =>
    withSeed(seed, (random) => {
      for (let round = 0; round < 20; round++) {
        // Runs of one piece as well, so that clusters cross the segmenter's windows.
        let text = '';
        while (text.length < random.int(0, 3000)) text += random.pick(PIECES).repeat(random.chance(0.1) ? random.int(1, 700) : 1);
        const expected = Array.from(segmenter.segment(text), (s) => s.segment);
        expect(graphemeClusters(text)).toEqual(expected);
      }
    }),
  );
});
