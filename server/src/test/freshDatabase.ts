import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { embeddedDirectory } from '../../../db/client.js';
import { initEmbedded } from '../../../db/embedded.js';

export interface TestDatabase {
  /** Set when a real server is used (CI: Debian's Postgres 15); else embedded in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  drop(): Promise<void>;
}

const DATABASE_PREFIX = 'mahdar_test_';
const DIR_PREFIX = 'mahdar-test-';

/**
 * The test run the databases made now belong to (set by vitest's global setup for one
 * `vitest run`), so that what a run leaves behind can be found and dropped when it ends.
 */
export const TEST_RUN_VARIABLE = 'MAHDAR_TEST_RUN';

/**
 * A new embedded data directory of this test run (vitest's global setup makes one), copied for
 * each embedded test database: initialising one takes a child process 4–5 s and ~500 MB, and a
 * run made a dozen. A copy is the same new database (0.2 s).
 */
export const EMBEDDED_TEMPLATE_VARIABLE = 'MAHDAR_TEST_EMBEDDED_TEMPLATE';

/** Makes this run's embedded template (see EMBEDDED_TEMPLATE_VARIABLE); dropped with the run's leftovers. */
export async function makeEmbeddedTemplate(): Promise<string> {
  const template = embeddedDirectory(await testDataDirectory());
  await initEmbedded(template);
  return template;
}

/**
 * `dir` made ready to be an embedded database: a copy of this run's template when there is one
 * (a fraction of a second), else left for the database to initialise when it starts (4–5 s).
 * A database already there is kept, as starting it would keep it.
 */
export async function newEmbeddedDirectory(dir: string): Promise<string> {
  const template = process.env[EMBEDDED_TEMPLATE_VARIABLE];
  if (template && !existsSync(path.join(dir, 'PG_VERSION'))) await cp(template, dir, { recursive: true });
  return dir;
}

function testRun(): string {
  return process.env[TEST_RUN_VARIABLE] ?? 'adhoc';
}

/** A new directory for a test's data, of this test run (dropped with its leftovers). */
export function testDataDirectory(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `${DIR_PREFIX}${testRun()}-`));
}

/**
 * Drops the databases and data directories of the test run `run` that are still there: those
 * of a test file whose hook timed out or whose process died before its `drop`. Returns their
 * names. CI's Postgres keeps its databases between runs, so leftovers would pile up there.
 */
export async function dropLeftovers(run: string, base = process.env.DATABASE_URL): Promise<string[]> {
  const left: string[] = [];
  if (base) {
    const sql = postgres(base, { max: 1, onnotice: () => {} });
    try {
      const rows = await sql<{ datname: string }[]>`select datname from pg_database where starts_with(datname, ${`${DATABASE_PREFIX}${run}_`})`;
      for (const { datname } of rows) {
        await sql.unsafe(`drop database if exists "${datname}" with (force)`);
        left.push(datname);
      }
    } finally {
      await sql.end();
    }
  }
  for (const entry of await readdir(os.tmpdir())) {
    if (!entry.startsWith(`${DIR_PREFIX}${run}-`)) continue;
    await rm(path.join(os.tmpdir(), entry), { recursive: true, force: true });
    left.push(entry);
  }
  return left;
}

/**
 * A fresh, empty database for one test file: a new database on the server of `DATABASE_URL`
 * when set (so test files never see each other's rows), otherwise a new embedded one.
 */
export async function createTestDatabase(kind: 'default' | 'embedded' = 'default'): Promise<TestDatabase> {
  const run = testRun();
  const dataDir = await testDataDirectory();
  const base = process.env.DATABASE_URL;
  if (!base || kind === 'embedded') {
    await newEmbeddedDirectory(embeddedDirectory(dataDir));
    return { dataDir, drop: () => rm(dataDir, { recursive: true, force: true }) };
  }
  const name = `${DATABASE_PREFIX}${run}_${randomBytes(6).toString('hex')}`;
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
