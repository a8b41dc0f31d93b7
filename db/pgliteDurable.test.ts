import { readlinkSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newEmbeddedDirectory } from '../server/src/test/freshDatabase.js';
// @ts-expect-error plain JavaScript module (loaded by the worker), no declarations
import { checkCommitsFlush, DURABLE_CONF, DURABLE_START_PARAMS, flushTree, flushWrites } from './pgliteDurable.mjs';

interface Stream {
  nfd: number;
  path: string;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mahdar-durable-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * PGlite as the embedded database starts it (embeddedWorker.mjs), in a directory of its own: a
 * copy of the run's template, initialised as the embedded database initialises one (making one
 * here took 4–5 s a test).
 */
async function start(name: string, flush: boolean): Promise<{ db: PGlite; flushed: string[]; failures: Error[]; hook?: (stream: Stream) => number }> {
  const dataDir = await newEmbeddedDirectory(path.join(dir, name));
  const db = await PGlite.create(dataDir, { postgresqlconf: DURABLE_CONF, startParams: DURABLE_START_PARAMS });
  const flushed: string[] = [];
  const failures: Error[] = [];
  const ops = (db as unknown as { mod: { FS: { filesystems: { NODEFS: { stream_ops: { fsync(s: Stream): number } } } } } }).mod.FS.filesystems.NODEFS.stream_ops;
  let hook: ((stream: Stream) => number) | undefined;
  if (flush) {
    flushWrites(db, (error: Error) => failures.push(error));
    // Records which file each real flush was for, then makes it.
    hook = ops.fsync.bind(ops);
    ops.fsync = (stream) => {
      flushed.push(path.relative(dataDir, readlinkSync(`/proc/self/fd/${stream.nfd}`)));
      return hook!(stream);
    };
    flushTree(dataDir);
  }
  return { db, flushed, failures, hook };
}

describe('the embedded database flushes its commits to disk', () => {
  it('runs with fsync on, and each commit flushes the WAL before it returns', async () => {
    const { db, flushed } = await start('flushing', true);
    try {
      expect((await db.query<{ fsync: string }>('show fsync')).rows[0]!.fsync).toBe('on');
      await db.exec('create table log (id serial primary key, update bytea)');
      flushed.length = 0;
      for (let i = 0; i < 20; i++) {
        const before = flushed.length;
        await db.query('insert into log (update) values ($1)', [new Uint8Array([i, 1, 2, 3])]);
        expect(flushed.slice(before).some((file) => file.startsWith('pg_wal/')), `commit ${i} flushed the WAL`).toBe(true);
      }
      await expect(checkCommitsFlush(db)).resolves.toBeUndefined();
      // A checkpoint flushes the data files the commits changed, not only the WAL.
      flushed.length = 0;
      await db.exec('checkpoint');
      expect(flushed.some((file) => file.startsWith('base/'))).toBe(true);
      expect(flushed).toContain('global/pg_control');
    } finally {
      await db.close();
    }
  }, 60_000);

  it('reports a flush that fails, and tells Postgres EIO (on which it stops, as on any failed fsync)', async () => {
    const { db, failures, hook } = await start('failing', true);
    try {
      // A descriptor that is not open: fsync(2) fails with EBADF.
      expect(() => hook!({ nfd: 1_000_000, path: '/pglite/data/pg_wal/000000010000000000000001' })).toThrow(expect.objectContaining({ errno: 29 }));
      expect(failures.map((e) => e.message)).toEqual([
        expect.stringMatching(/^the embedded database could not flush \/pglite\/data\/pg_wal\/000000010000000000000001 to disk: EBADF/),
      ]);
    } finally {
      await db.close();
    }
  }, 60_000);

  it('refuses to serve when a commit does not flush (PGlite as it comes)', async () => {
    const { db } = await start('not-flushing', false);
    try {
      await expect(checkCommitsFlush(db)).rejects.toThrow(
        'the embedded database cannot flush to disk: a commit did not fsync (fsync = on, synchronous_commit = on, wal_sync_method = fsync)',
      );
    } finally {
      await db.close();
    }
  }, 60_000);

  it('refuses to serve when synchronous_commit was turned off for the data directory, and says so', async () => {
    const first = await start('asynchronous', true);
    await first.db.exec('alter system set synchronous_commit = off');
    await first.db.close();
    const { db } = await start('asynchronous', true);
    try {
      await expect(checkCommitsFlush(db)).rejects.toThrow(
        'the embedded database cannot flush to disk: a commit did not fsync (fsync = on, synchronous_commit = off, wal_sync_method = fsync)',
      );
    } finally {
      await db.close();
    }
  }, 60_000);
});
