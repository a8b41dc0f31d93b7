import { describe, expect, it, vi } from 'vitest';
import { startServer } from '../server/src/app.js';
import { testConfig } from '../server/src/test/testServer.js';
import { DATABASE_KINDS, useTestDatabases } from '../server/src/test/testDatabase.js';
import { itNeedsPostgres, postgresUrl } from '../server/src/test/needsPostgres.js';
import type { Sql } from './client.js';
import { gapsIn } from './durability.js';

describe('which settings let a saved edit be lost', () => {
  it('names fsync, synchronous_commit and full_page_writes when off, and nothing else', () => {
    const all = new Map([
      ['fsync', 'off'],
      ['synchronous_commit', 'off'],
      ['full_page_writes', 'off'],
    ]);
    expect(gapsIn(all).map((g) => g.setting)).toEqual(['fsync', 'synchronous_commit', 'full_page_writes']);
    for (const value of ['on', 'local', 'remote_write', 'remote_apply']) {
      expect(gapsIn(new Map([['synchronous_commit', value]]))).toEqual([]);
    }
    expect(gapsIn(new Map([['fsync', 'on'], ['full_page_writes', 'on']]))).toEqual([]);
  });
});

const databases = useTestDatabases();

/** The `db.not_durable` warnings a server logs while it starts on `db`. */
async function warningsAtStart(db: Awaited<ReturnType<typeof databases.create>>, prepare?: (sql: Sql) => Promise<unknown>) {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    const server = await startServer(testConfig(db, { logLevel: 'warn' }));
    try {
      await prepare?.(server.ctx.db.sql);
    } finally {
      await server.close();
    }
  } finally {
    spy.mockRestore();
  }
  return lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { event: string; gaps?: { setting: string; value: string; risk: string }[] }).filter((l) => l.event === 'db.not_durable');
}

describe.each(DATABASE_KINDS)('the warning at start (%s database)', (kind) => {
  it('is not logged on a database that flushes every commit', async () => {
    expect(await warningsAtStart(await databases.create(kind))).toEqual([]);
  }, 60_000);
});

describe('the warning at start on a Postgres server', () => {
  itNeedsPostgres('settings per database, which the single-session embedded database does not read (its start refuses a commit that does not flush)');

  it('is logged once synchronous_commit is off for the database, with what it risks', async () => {
    if (!postgresUrl) return;
    const db = await databases.create('default');
    // For this database alone (other tests share the server): the next start's connections get it.
    const first = await warningsAtStart(db, (sql) =>
      sql`do $$ begin execute format('alter database %I set synchronous_commit = off', current_database()); end $$`,
    );
    expect(first).toEqual([]);
    const second = await warningsAtStart(db);
    expect(second).toHaveLength(1);
    expect(second[0]!.gaps).toEqual([expect.objectContaining({ setting: 'synchronous_commit', value: 'off' })]);
    expect(second[0]!.gaps![0]!.risk).toMatch(/lose the last saved edits/);
  }, 120_000);
});
