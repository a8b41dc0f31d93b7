// @vitest-environment happy-dom
import { describe, it } from 'vitest';
import { minutesTemplate } from '../../../server/src/minutes/template.js';
import { fuzzSeeds, withSeed } from '../../../shared/testing/seeds.js';
import { runCoEditing } from './coEditingRun.testing.js';

/**
 * Randomized co-editing at the editor level (issue 8): three editors with the real extension
 * list, each on its own Y.Doc and with its own caret, linked through a server by links with
 * random delays, starting from the minutes template as the server writes it. After every step no typed character is
 * doubled, every editor shows its Y.Doc, and a caret whose block and neighbouring character
 * survived a remote change is still there; at the end all converge and everyone's typing is
 * where they typed it. `npm run fuzz -- N` runs N random seeds; FUZZ_SEED=s replays one.
 */
// Without SelectionFollowsText all but seed 7 fail; without TextInEmptyBlocks, seed 30 (a
// character doubled).
const SEEDS = fuzzSeeds([1, 2, 3, 4, 5, 6, 7, 8, 9, 30]);

describe('co-editing with three editors', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}`, () => withSeed(seed, (random) => runCoEditing(random, { start: minutesTemplate({ language: 'both', digits: 'western', carriedOver: [] }), peers: 3, steps: 150 })));
  }
});
