import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';

export interface TestDatabase {
  /** Set when a real server is used (CI: Debian's Postgres 15); else embedded in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test file: a new database on the server of `DATABASE_URL`
 * when set (so test files never see each other's rows), otherwise a new embedded one.
 */
export async function createTestDatabase(kind: 'default' | 'embedded' = 'default'): Promise<TestDatabase> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mahdar-test-'));
  const base = process.env.DATABASE_URL;
  if (!base || kind === 'embedded') {
    return { dataDir, drop: () => rm(dataDir, { recursive: true, force: true }) };
  }
  const name = `mahdar_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    dataDir,
    async drop() {
      const sql = postgres(base, { max: 1, onnotice: () => {} });
      await sql.unsafe(`drop database if exists ${name} with (force)`);
      await sql.end();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
