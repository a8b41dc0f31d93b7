import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabases } from '../server/src/test/testDatabase.js';
import { embeddedDirectory, openDatabase, type Database } from './client.js';
import { checkpointWhenDue } from './embeddedCheckpoints.js';

const MB = 1024 * 1024;
const databases = useTestDatabases();
let db: Database;
let walDir: string;

beforeAll(async () => {
  const made = await databases.create('embedded');
  walDir = path.join(embeddedDirectory(made.dataDir), 'pg_wal');
  db = await openDatabase({ dataDir: made.dataDir, embeddedCheckpoints: { everyMs: 100, walBytes: 4 * MB, maxAgeMs: 3_600_000 } });
  await db.sql`create table wal_filler (b text)`;
}, 60_000);
afterAll(() => db?.close());

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

/** About `mb` MB of WAL, in commits of about 1 MB (1 kB rows: under TOAST's threshold, so not compressed). */
async function writeWal(mb: number): Promise<void> {
  for (let i = 0; i < mb; i++) await db.sql`insert into wal_filler select repeat(md5(${i} || '-' || g), 32) from generate_series(1, 1000) g`;
}

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  return value;
}

describe('the embedded database checkpoints while it runs', () => {
  it('once enough WAL is written, so that pg_wal on disk and the replay after a crash stay bounded', async () => {
    const start = await lastCheckpoint();
    const written = 200;
    await writeWal(written);

    const after = await eventually(lastCheckpoint, (c) => c.sinceBytes < 8 * MB);
    expect(after.redo).not.toBe(start.redo);
    // What a crash now would replay: about the threshold, not the 200 MB written.
    expect(after.sinceBytes).toBeLessThan(8 * MB);
    // Old segments recycled or removed: Postgres keeps min_wal_size (80 MB) for reuse, plus the
    // segments in use. Without checkpoints, all 200 MB stayed.
    expect(walOnDisk()).toBeLessThan(120 * MB);
  }, 120_000);

  it('once the last checkpoint is old and something was written since, and not again while nothing is', async () => {
    const timed = checkpointWhenDue(db.sql, { everyMs: 50, walBytes: 1024 * MB, maxAgeMs: 1_000 });
    try {
      // From a fresh checkpoint, so that the megabyte below stays under the other one's 4 MB.
      await db.sql`checkpoint`;
      await writeWal(1);
      const before = await lastCheckpoint();
      expect(before.sinceBytes).toBeGreaterThan(0.5 * MB);
      const checkpointed = await eventually(lastCheckpoint, (c) => c.redo !== before.redo);
      expect(checkpointed.redo).not.toBe(before.redo);
      expect(checkpointed.sinceBytes).toBeLessThan(64 * 1024);

      // Idle past the age: nothing new to write out, so no new checkpoint (each writes WAL of its own).
      await new Promise((r) => setTimeout(r, 1_500));
      expect((await lastCheckpoint()).redo).toBe(checkpointed.redo);
    } finally {
      await timed.stop();
    }
  }, 60_000);
});
