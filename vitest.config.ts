import { defineConfig } from 'vitest/config';

const FILES = '{client,server,shared,db,scripts}/**';
const TIMEOUTS = { testTimeout: 30_000, hookTimeout: 60_000 };

export default defineConfig({
  test: {
    // Integration tests start real servers and databases; keep CI (2 cores) from oversubscribing.
    maxWorkers: 2,
    // Names the run; drops the test databases it leaves behind when it ends. Here and not in the
    // projects: a project inheriting it would run it again, naming the run once more.
    globalSetup: ['server/src/test/testRun.globalSetup.ts'],
    projects: [
      {
        test: {
          name: 'tests',
          include: [`${FILES}/*.test.{ts,tsx}`],
          exclude: ['**/node_modules/**', '**/*.timing.test.ts'],
          ...TIMEOUTS,
          sequence: { groupOrder: 0 },
        },
      },
      {
        // Tests that judge how the server shares the machine (latency while it works on
        // something else): after all others, one file at a time, so that no other test file's
        // servers start in the middle of a measurement.
        test: {
          name: 'timing',
          include: [`${FILES}/*.timing.test.ts`],
          ...TIMEOUTS,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
