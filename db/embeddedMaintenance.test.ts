import { readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../server/src/test/eventually.js';
import { useTestDatabases } from '../server/src/test/testDatabase.js';
import { embeddedDirectory, openDatabase, type Database } from './client.js';
import { DEFAULT_MAINTENANCE_POLICY, maintainEmbedded, type MaintenancePolicy } from './embeddedMaintenance.js';

const MB = 1024 * 1024;
/**
 * The server's policy, looked at every 50 ms instead of 30 s, but with no checkpoint for the WAL
 * written: the WAL tests start their own, with the threshold each checks, which 64 MB
 * checkpoints of this one would otherwise meet by chance.
 */
const SOON: MaintenancePolicy = { ...DEFAULT_MAINTENANCE_POLICY, everyMs: 50, checkpointWalBytes: Number.POSITIVE_INFINITY };

const databases = useTestDatabases();
let db: Database;
let walDir: string;

beforeAll(async () => {
  const made = await databases.create('embedded');
  walDir = path.join(embeddedDirectory(made.dataDir), 'pg_wal');
  db = await openDatabase({ dataDir: made.dataDir, embeddedMaintenance: SOON });
  await db.sql`create table filler (b text)`;
}, 60_000);
afterAll(() => db?.close());

/** Runs `test` while the embedded database is also maintained with `policy`, sooner than the server's. */
async function maintainedWith(policy: Partial<MaintenancePolicy>, test: () => Promise<void>): Promise<void> {
  const maintenance = maintainEmbedded(db.sql, { ...SOON, ...policy });
  try {
    await test();
  } finally {
    await maintenance.stop();
  }
}

/** The WAL segments on disk, in bytes. */
const walOnDisk = () =>
  readdirSync(walDir)
    .filter((name) => /^[0-9A-F]{24}$/.test(name))
    .reduce((sum, name) => sum + statSync(path.join(walDir, name)).size, 0);

/** The last checkpoint's redo point, and the WAL written since it (what a start after a crash replays). */
async function lastCheckpoint(): Promise<{ redo: string; sinceBytes: number }> {
  const [row] = await db.sql<{ redo: string; sinceBytes: number }[]>`
    select redo_lsn::text as redo, pg_wal_lsn_diff(pg_current_wal_insert_lsn(), redo_lsn)::float8 as since_bytes from pg_control_checkpoint()`;
  return row!;
}

/** `thousands` thousand rows of 1 kB (under TOAST's threshold, so not compressed): about as many MB of WAL. */
async function insertRows(thousands: number, table = 'filler'): Promise<void> {
  for (let i = 0; i < thousands; i++) await db.sql`insert into ${db.sql(table)} select repeat(md5(${i} || '-' || g), 32) from generate_series(1, 1000) g`;
}

describe('the embedded database, maintained while it runs', () => {
  it('checkpoints once enough WAL is written, so that pg_wal on disk and the replay after a crash stay bounded', async () => {
    await maintainedWith({ checkpointWalBytes: 4 * MB }, async () => {
      const start = await lastCheckpoint();
      await insertRows(200);

      const after = await eventually(lastCheckpoint, (c) => c.sinceBytes < 8 * MB);
      expect(after.redo).not.toBe(start.redo);
      // What a crash now would replay: about the threshold, not the 200 MB written.
      expect(after.sinceBytes).toBeLessThan(8 * MB);
      // Old segments recycled or removed: Postgres keeps min_wal_size (80 MB) for reuse, plus
      // the segments in use. Without checkpoints, all 200 MB stayed.
      expect(walOnDisk()).toBeLessThan(120 * MB);
    });
    await db.sql`truncate filler`;
  }, 120_000);

  it('checkpoints once the last checkpoint is old and something was written since, and not again while nothing is', async () => {
    await db.sql`checkpoint`;
    await maintainedWith({ checkpointMaxAgeMs: 1_000 }, async () => {
      await insertRows(1);
      const before = await lastCheckpoint();
      expect(before.sinceBytes).toBeGreaterThan(0.5 * MB);
      const checkpointed = await eventually(lastCheckpoint, (c) => c.redo !== before.redo);
      expect(checkpointed.redo).not.toBe(before.redo);
      expect(checkpointed.sinceBytes).toBeLessThan(64 * 1024);

      // Idle past the age: nothing new to write out, so no new checkpoint (each writes WAL of its own).
      await new Promise((r) => setTimeout(r, 1_500));
      expect((await lastCheckpoint()).redo).toBe(checkpointed.redo);
    });
    await db.sql`truncate filler`;
  }, 60_000);

  // With the policy the database was opened with: the server's own thresholds. A table of its
  // own: the row counts they are measured against are the statistics', which lag.
  it('vacuums a table whose rows are replaced, so that its file stops growing', async () => {
    await db.sql`create table replaced (b text)`;
    const tableBytes = async () => Number((await db.sql<{ bytes: string }[]>`select pg_relation_size('replaced')::int8 as bytes`)[0]!.bytes);
    const vacuums = async () => Number((await db.sql<{ count: string }[]>`select vacuum_count::int8 as count from pg_stat_user_tables where relname = 'replaced'`)[0]!.count);
    await insertRows(5, 'replaced');
    const first = await tableBytes();
    // Every row replaced, four times over, as the log's rows are by compaction and the search
    // entries' by every edit of their block.
    for (let round = 0; round < 4; round++) {
      const before = await vacuums();
      await db.sql`delete from replaced`;
      expect(await eventually(vacuums, (count) => count > before)).toBeGreaterThan(before);
      await insertRows(5, 'replaced');
    }
    // The space of the deleted rows taken again; without vacuum the file was five times the size.
    expect(await tableBytes()).toBeLessThanOrEqual(first * 1.2);
  }, 60_000);

  it('freezes the whole database once its oldest transaction is old, long before the counter could wrap around', async () => {
    const databaseAge = async () => Number((await db.sql<{ age: string }[]>`select age(datfrozenxid)::int8 as age from pg_database where datname = current_database()`)[0]!.age);
    await insertRows(1); // transactions since the last freeze
    const before = await databaseAge();
    await maintainedWith({ freezeMaxAge: before }, async () => {
      const after = await eventually(databaseAge, (age) => age < before);
      expect(after).toBeLessThan(before);
    });
  }, 60_000);

  it('reports a round that fails, and tries again at the next', async () => {
    // A database that is not there: every round's first query fails.
    const absent = postgres({ path: path.join(tmpdir(), 'mahdar-no-such-database', '.s.PGSQL.5432'), max: 1, connect_timeout: 1 });
    const errors: Error[] = [];
    const maintenance = maintainEmbedded(absent, SOON, (error) => errors.push(error));
    try {
      await eventually(async () => errors.length, (count) => count >= 2);
      expect(errors.length).toBeGreaterThanOrEqual(2);
      expect(errors[0]!.message).toMatch(/ENOENT|connect/);
    } finally {
      await maintenance.stop();
      await absent.end({ timeout: 0 });
    }
  });
});
