/**
 * `npm run fuzz -- N`: runs every randomized test (`*.fuzz.test.ts`) with N fresh random seeds
 * each instead of the fixed ones `npm test` uses. A failure prints its seed; replay it with
 * `FUZZ_SEED=<seed> npm run fuzz`.
 */
import { spawnSync } from 'node:child_process';

const runs = process.argv[2] ?? '';
if (runs && !/^\d+$/.test(runs)) {
  console.error('usage: npm run fuzz -- [N]   (N random seeds per fuzz test)');
  process.exit(2);
}
const env = { ...process.env };
if (runs) env.FUZZ_RUNS = runs;
if (!env.FUZZ_START && !env.FUZZ_SEED) env.FUZZ_START = String(Date.now() >>> 0);
console.log(env.FUZZ_SEED ? `replaying seed ${env.FUZZ_SEED}` : `seeds from FUZZ_START=${env.FUZZ_START}, ${runs || 'fixed'} per test`);
const result = spawnSync('npx', ['vitest', 'run', '--testTimeout=0', '.fuzz.test.'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
