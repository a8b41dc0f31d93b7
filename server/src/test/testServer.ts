import { startServer, type RunningServer, type ServerOverrides } from '../app.js';
import type { Config } from '../config/env.js';
import { ApiClient } from './apiClient.js';
import type { TestDatabase } from './testDatabase.js';

export const ADMIN = { email: 'admin@example.test', password: 'admin-password-123', name: 'Admin' };

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
export async function startTestServer(db: TestDatabase, config: Partial<Config> = {}, overrides: ServerOverrides = {}): Promise<TestServer> {
  const server = await startServer(testConfig(db, config), overrides);
  const admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
  return { server, url: server.url, admin, close: () => server.close() };
}
