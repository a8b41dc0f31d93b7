import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{client,server,shared,db,scripts}/**/*.test.{ts,tsx}'],
    // Integration tests start real servers and databases; keep CI (2 cores) from oversubscribing.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Names the run; drops the test databases it leaves behind when it ends.
    globalSetup: ['server/src/test/testRun.globalSetup.ts'],
  },
});
