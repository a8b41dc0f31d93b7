import { describe, expect, it } from 'vitest';
import { fuzzSeeds, withSeed } from '../../../shared/testing/seeds.js';
import { runCollabFuzz } from '../test/fuzz/collabFuzzer.js';

/**
 * Hostile frames of every kind, as every role, against a real server process (see
 * test/fuzz/collabFuzzer.ts). `npm test` runs the fixed seeds; `npm run fuzz -- N` runs N random
 * ones; `npm run fuzz:collab -- N` is the long run with one seed and N frames.
 */
describe('hostile frames against a real server process', () => {
  it.each(fuzzSeeds([14, 1400]))('seed %i: no crash, no poisoned minutes, the honest editor saves, memory bounded', (seed) =>
    withSeed(seed, async () => {
      const report = await runCollabFuzz({ frames: 1000, seed, batchSize: 250, maxRssBytes: 768 * 1024 * 1024 });
      expect(report.crashes).toBe(0);
      expect(report.poisoned).toEqual([]);
      expect(report.failures).toEqual([]);
      expect(report.stalls).toBe(0);
      expect(report.serverErrors).toEqual({});
      expect(report.frames).toBe(1000);
    }),
  120_000);
});
