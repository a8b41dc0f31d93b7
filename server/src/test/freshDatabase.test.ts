import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { embeddedDirectory, openDatabase } from '../../../db/client.js';
import { createTestDatabase, dropLeftovers, TEST_RUN_VARIABLE, type TestDatabase } from './freshDatabase.js';

const ownRun = process.env[TEST_RUN_VARIABLE];

/** Makes a test database as a file of test run `run` would. */
async function madeInRun(run: string, kind: 'default' | 'embedded' = 'default'): Promise<TestDatabase> {
  process.env[TEST_RUN_VARIABLE] = run;
  try {
    return await createTestDatabase(kind);
  } finally {
    process.env[TEST_RUN_VARIABLE] = ownRun;
  }
}

async function databaseExists(url: string): Promise<boolean> {
  const name = new URL(url).pathname.slice(1);
  const sql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    return (await sql`select 1 from pg_database where datname = ${name}`).length === 1;
  } finally {
    await sql.end();
  }
}

describe('what a test run leaves behind', () => {
  const others: TestDatabase[] = [];
  afterEach(async () => {
    await Promise.all(others.splice(0).map((db) => db.drop()));
  });

  it("vitest's global setup names the run", () => {
    expect(ownRun).toMatch(/^[0-9a-f]{8}$/);
  });

  it("an embedded test database is a copy of the run's new one, not initialised again, and opens", async () => {
    const test = await createTestDatabase('embedded');
    others.push(test);
    expect(existsSync(path.join(embeddedDirectory(test.dataDir), 'PG_VERSION'))).toBe(true);
    const db = await openDatabase({ dataDir: test.dataDir });
    try {
      expect(await db.sql`select count(*)::int as n from pg_tables where schemaname = 'public'`).toEqual([{ n: 0 }]);
    } finally {
      await db.close();
    }
  });

  it("is dropped when the run ends: the databases and data directories its files did not drop, and nothing of another run's", async () => {
    const run = randomBytes(4).toString('hex');
    const dropped = await madeInRun(run);
    await dropped.drop();
    const leftServer = await madeInRun(run);
    const leftEmbedded = await madeInRun(run, 'embedded');
    const anotherRun = await madeInRun(randomBytes(4).toString('hex'));
    others.push(anotherRun);

    const left = await dropLeftovers(run);

    const expected = [path.basename(leftServer.dataDir), path.basename(leftEmbedded.dataDir)];
    if (leftServer.databaseUrl) expected.push(new URL(leftServer.databaseUrl).pathname.slice(1));
    expect(left.sort()).toEqual(expected.sort());
    for (const db of [leftServer, leftEmbedded]) expect(existsSync(db.dataDir)).toBe(false);
    expect(existsSync(anotherRun.dataDir)).toBe(true);
    if (leftServer.databaseUrl) {
      expect(await databaseExists(leftServer.databaseUrl)).toBe(false);
      expect(await databaseExists(anotherRun.databaseUrl!)).toBe(true);
    }
  });
});
