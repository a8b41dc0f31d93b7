import type { Sql } from 'postgres';

export interface CheckpointPolicy {
  /** How often the WAL written since the last checkpoint is looked at. */
  everyMs: number;
  /** A checkpoint once this much WAL has been written since the last one. */
  walBytes: number;
  /** A checkpoint once the last one is this old and anything at all was written since. */
  maxAgeMs: number;
}

/**
 * Postgres's own defaults, in a form that suits a server of minutes: `checkpoint_timeout` is 5
 * minutes; 64 MB of WAL, not `max_wal_size`'s 1 GB, bounds pg_wal on a small installation's
 * disk and the replay of a start after a crash (measured: a checkpoint after 64 MB of WAL took
 * 27 ms with 16 MB of shared buffers).
 */
export const DEFAULT_CHECKPOINT_POLICY: CheckpointPolicy = { everyMs: 30_000, walBytes: 64 * 1024 * 1024, maxAgeMs: 5 * 60_000 };

/**
 * WAL written since the redo point of the last checkpoint, beyond the record of that checkpoint
 * itself (a shutdown checkpoint's record is 114 bytes; one of a running server, with what
 * follows it, stays under a few kB until something is written).
 */
const SOMETHING_WRITTEN = 16 * 1024;

export interface Checkpoints {
  /** No further check; settles when the one running, if any, has. */
  stop(): Promise<void>;
}

/**
 * The embedded database's checkpointer. PGlite runs Postgres as a single backend, with no
 * checkpointer process: nothing makes a checkpoint while it runs, not `checkpoint_timeout` and
 * not `max_wal_size` (measured: 300 MB of WAL written, 320 MB in pg_wal, the redo point still
 * the one of the start); only its shutdown does. Without this, every commit's WAL stays on disk
 * for as long as the server runs, and a start after a crash replays all of it. A checkpoint is
 * a query like any other on the embedded database's one connection: commits wait behind it for
 * its length (tens of milliseconds), every few minutes at most.
 *
 * A check that fails (the database is down) is tried again at the next one: the failure itself
 * is what health checks report.
 */
export function checkpointWhenDue(sql: Sql, policy: CheckpointPolicy = DEFAULT_CHECKPOINT_POLICY): Checkpoints {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const check = async () => {
    const [state] = await sql<{ wal: number; ageMs: number }[]>`
      select pg_wal_lsn_diff(pg_current_wal_insert_lsn(), redo_lsn)::float8 as wal,
             (extract(epoch from now() - checkpoint_time) * 1000)::float8 as age_ms
        from pg_control_checkpoint()`;
    if (!state) return;
    const due = state.wal >= policy.walBytes || (state.ageMs >= policy.maxAgeMs && state.wal > SOMETHING_WRITTEN);
    if (due && !stopped) await sql`checkpoint`;
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = check().catch(() => {}).finally(schedule);
    }, policy.everyMs);
    // A checkpoint is not a reason to keep the process running; shutdown makes its own.
    timer.unref();
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
