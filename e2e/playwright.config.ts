import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env.E2E_PORT ?? 3123);
export const baseURL = `http://127.0.0.1:${port}`;
/** A second server with an empty database of its own, for the first-start setup page. */
const setupPort = port + 1;

// One fresh embedded database per run (the config is also loaded by workers: they inherit the
// directory through the environment instead of making their own).
function tempDataDir(variable: string, prefix: string): void {
  if (process.env[variable]) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.env[variable] = dir;
  // Made here (the runner process), removed when the runner exits, after the servers stopped.
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
}
tempDataDir('MAHDAR_E2E_DATA_DIR', 'mahdar-e2e-');
tempDataDir('MAHDAR_E2E_SETUP_DATA_DIR', 'mahdar-e2e-setup-');
process.env.E2E_SETUP_URL ??= `http://127.0.0.1:${setupPort}`;
// The admin the server creates at start (tests sign in as it; see support/api.ts).
process.env.E2E_ADMIN_EMAIL ??= 'admin@example.test';
process.env.E2E_ADMIN_PASSWORD ??= 'e2e-admin-password-long-enough';

/** Debian's Chromium: the project never downloads browsers. */
const chromium = ['/usr/bin/chromium', '/usr/lib/chromium/chromium'].find((p) => fs.existsSync(p));

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: path.join(repoRoot, 'test-results'),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    locale: 'ar-KW',
    timezoneId: 'Asia/Kuwait',
    viewport: { width: 1280, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      // The built server and client (dist/node, dist/client), as `npm start` runs them: `npm run build`
      // first (`npm test` does). With DATABASE_URL, on a database made for this run.
      command: 'node --import tsx e2e/support/serverOnOwnDatabase.ts',
      cwd: repoRoot,
      url: `${baseURL}/api/healthz`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
      // So that its database is dropped (the default is SIGKILL).
      gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
      env: {
        PORT: String(port),
        HOST: '127.0.0.1',
        // With DATABASE_URL set (CI's Postgres) DATA_DIR is unused.
        DATA_DIR: process.env.MAHDAR_E2E_DATA_DIR!,
        ADMIN_EMAIL: process.env.E2E_ADMIN_EMAIL!,
        ADMIN_PASSWORD: process.env.E2E_ADMIN_PASSWORD!,
        ADMIN_NAME: 'Secretariat',
        LOG_LEVEL: 'warn',
        // Small, so that export.spec.ts can paste minutes over the size cap (64 KiB).
        PDF_MAX_MINUTES_BYTES: '65536',
        // The specs make ~160 accounts and sign in ~130 times: at the default cost, two minutes
        // of a run went to password hashing (server/src/auth/password.ts; README, PASSWORD_HASH_COST).
        PASSWORD_HASH_COST: '10',
      },
    },
    {
      // No users at all (embedded database, never the shared one): setup.spec.ts.
      command: 'node dist/node/server/src/main.js',
      cwd: repoRoot,
      url: `${process.env.E2E_SETUP_URL}/api/healthz`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        PORT: String(setupPort),
        HOST: '127.0.0.1',
        DATABASE_URL: '',
        DATA_DIR: process.env.MAHDAR_E2E_SETUP_DATA_DIR!,
        ADMIN_EMAIL: '',
        ADMIN_PASSWORD: '',
        LOG_LEVEL: 'warn',
      },
    },
  ],
});
