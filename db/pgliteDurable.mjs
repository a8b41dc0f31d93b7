// Makes PGlite's commits reach the disk, not only the operating system's cache. Plain JavaScript:
// loaded by the worker (embeddedWorker.mjs).
//
// PGlite starts Postgres with fsync off (`-F`), and its WebAssembly file layer could not flush
// anyway: `fdatasync` is a no-op there and Node's file system (NODEFS) has no `fsync`. A commit
// therefore survived the process being killed but not the machine losing power, and a crash of
// the machine could leave the data files older than a checkpoint that claimed them. Here fsync is
// on, the WAL is flushed with `fsync` (the call that reaches NODEFS's stream operations), and
// those operations get the `fsync` they lack, a real one on the file's descriptor.
import { closeSync, fsyncSync, openSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/** PGlite's own start parameters without `-F` (fsync off). */
export const DURABLE_START_PARAMS = PGlite.defaultStartParams.filter((param) => param !== '-F');

/** postgresql.conf lines: `fdatasync`, Postgres's default on Linux, is the call that does nothing. */
export const DURABLE_CONF = 'wal_sync_method = fsync';

/** Emscripten's errno for an input/output error. */
const EIO = 29;

/** Flushes made through the hook (checkCommitsFlush reads it). */
let flushes = 0;

/**
 * Gives `db`'s NODEFS the `fsync` it lacks (counted, for checkCommitsFlush).
 *
 * A flush that fails goes to `onFailure` (the worker then ends, and queries fail as they would
 * with a lost Postgres server), and PGlite is told EIO. Postgres itself stops (PANIC) when a
 * flush fails: the kernel may have dropped the pages it could not write, so the files can no
 * longer be trusted to hold what was committed, and carrying on would acknowledge edits that
 * are not on disk.
 */
export function flushWrites(db, onFailure) {
  const FS = db.mod?.FS;
  const nodefs = FS?.filesystems?.NODEFS;
  if (!nodefs?.stream_ops) throw new Error('the embedded database cannot flush to disk: PGlite has no NODEFS stream operations here');
  nodefs.stream_ops.fsync = (stream) => {
    try {
      fsyncSync(stream.nfd);
    } catch (error) {
      onFailure(new Error(`the embedded database could not flush ${stream.path} to disk: ${error.message}`));
      throw new FS.ErrnoError(EIO);
    }
    flushes++;
    return 0;
  };
}

/**
 * Fails unless a commit flushes: run at every start, so that a PGlite whose file layer changed
 * stops the server rather than serve commits that only look durable.
 */
export async function checkCommitsFlush(db) {
  const before = flushes;
  // A transaction that writes WAL (this message, which nothing reads) and so flushes at commit.
  await db.query(`select pg_logical_emit_message(true, 'mahdar', 'flush check')`);
  if (flushes === before) {
    // The settings that decide it, for whoever reads why the server did not start (an
    // `alter system` left in postgresql.auto.conf turns them off as surely as a changed PGlite).
    const { rows } = await db.query(
      `select string_agg(name || ' = ' || setting, ', ' order by name) as settings from pg_settings where name in ('fsync', 'synchronous_commit', 'wal_sync_method')`,
    );
    throw new Error(`the embedded database cannot flush to disk: a commit did not fsync (${rows[0].settings})`);
  }
}

/**
 * Flushes every file and directory under `dir`. Run after initdb, which writes without flushing,
 * and after every start: the hook is installed only once PGlite has started, and a start after a
 * crash replays the WAL into the data files and checkpoints them, all through the no-op.
 */
export function flushTree(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) flushTree(child);
    else if (entry.isFile()) flushPath(child);
  }
  flushPath(dir);
}

function flushPath(file) {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
