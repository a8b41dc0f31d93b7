import { randomBytes } from 'node:crypto';
import { dropLeftovers, TEST_RUN_VARIABLE } from './freshDatabase.js';

/**
 * vitest's global setup: names this run (the test processes inherit the variable), and when the
 * run ends drops what its test files did not (freshDatabase.ts).
 */
export default function setup(): () => Promise<void> {
  const run = randomBytes(4).toString('hex');
  process.env[TEST_RUN_VARIABLE] = run;
  return async () => {
    const left = await dropLeftovers(run);
    if (left.length > 0) process.stderr.write(`dropped what this test run left behind: ${left.join(', ')}\n`);
  };
}
