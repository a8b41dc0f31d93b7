import { randomBytes } from 'node:crypto';
import { dropLeftovers, EMBEDDED_TEMPLATE_VARIABLE, makeEmbeddedTemplate, TEST_RUN_VARIABLE } from './freshDatabase.js';

/**
 * vitest's global setup: names this run and makes its embedded template (the test processes
 * inherit the variables), and when the run ends drops what its test files did not
 * (freshDatabase.ts).
 */
export default async function setup(): Promise<() => Promise<void>> {
  const run = randomBytes(4).toString('hex');
  process.env[TEST_RUN_VARIABLE] = run;
  process.env[EMBEDDED_TEMPLATE_VARIABLE] = await makeEmbeddedTemplate();
  return async () => {
    const left = await dropLeftovers(run);
    if (left.length > 0) process.stderr.write(`dropped what this test run left behind: ${left.join(', ')}\n`);
  };
}
