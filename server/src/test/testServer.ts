import { startServer, type RunningServer } from '../app.js';
import { DEFAULT_LOGIN_LIMITS } from '../auth/loginGuard.js';
import { MIN_HASH_COST } from '../auth/password.js';
import type { Config } from '../config/env.js';
import { ApiClient } from './apiClient.js';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from './testDatabase.js';
import { ADMIN } from './admin.js';

export { ADMIN };

export function testConfig(db: TestDatabase, overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: db.databaseUrl,
    dataDir: db.dataDir,
    maxMessageBytes: 64 * 1024,
    compactThreshold: 1_000_000,
    compactIntervalMs: 3_600_000,
    sessionIdleMinutes: 60,
    admin: ADMIN,
    logLevel: 'silent',
    idleUnloadMs: 50,
    collabRecheckMs: 60_000,
    heartbeatIntervalMs: 2_000,
    loginLimits: DEFAULT_LOGIN_LIMITS,
    // Every test file makes accounts and signs them in: at the default cost that was minutes of
    // hashing per run. The cost itself is checked where it matters (password.test.ts, loginLimits).
    passwordHashCost: MIN_HASH_COST,
    ...overrides,
  };
}

export interface TestServer {
  server: RunningServer;
  url: string;
  admin: ApiClient;
  close(): Promise<void>;
}

/** A real server on port 0 with a signed-in admin client. */
export async function startTestServer(db: TestDatabase, config: Partial<Config> = {}): Promise<TestServer> {
  const server = await startServer(testConfig(db, config));
  const admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
  return { server, url: server.url, admin, close: () => server.close() };
}

/**
 * Starts a test server on a fresh database before the file's tests and stops both after them.
 * Returns a stand-in that forwards to the running server, usable once `beforeAll` has run.
 */
export function useTestServer(config: Partial<Config> = {}): TestServer {
  let db: TestDatabase | undefined;
  let running: TestServer | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    running = await startTestServer(db, config);
  }, 60_000);
  afterAll(async () => {
    await running?.close();
    await db?.drop();
  });
  return new Proxy({} as TestServer, {
    get(_target, key) {
      if (!running) throw new Error('the test server is not started yet (use it inside tests or hooks)');
      return running[key as keyof TestServer];
    },
  });
}

/** A group and a meeting in it, made by the admin before the file's tests. */
export function useTestMeeting(t: TestServer): { readonly groupId: string; readonly meetingId: string } {
  const ids = { groupId: '', meetingId: '' };
  beforeAll(async () => {
    ids.groupId = (await t.admin.createGroup()).id;
    ids.meetingId = (await t.admin.createMeeting(ids.groupId)).id;
  }, 60_000);
  return ids;
}
