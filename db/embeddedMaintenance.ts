import type { Sql } from 'postgres';

export interface MaintenancePolicy {
  /** How often the database is looked at. */
  everyMs: number;
  /** A checkpoint once this much WAL has been written since the last one. */
  checkpointWalBytes: number;
  /** A checkpoint once the last one is this old and anything at all was written since. */
  checkpointMaxAgeMs: number;
  /** A table is vacuumed once its dead rows exceed this many plus `vacuumScaleFactor` of its live rows. */
  vacuumThreshold: number;
  vacuumScaleFactor: number;
  /** The whole database is vacuumed, its rows frozen, once its oldest unfrozen transaction is this old. */
  freezeMaxAge: number;
}

/**
 * Postgres's own defaults where they suit a server of minutes: `checkpoint_timeout` (5 minutes),
 * autovacuum's thresholds (50 rows and 20 %) and `autovacuum_freeze_max_age` (200 million
 * transactions). 64 MB of WAL, not `max_wal_size`'s 1 GB, bounds pg_wal on a small
 * installation's disk and the replay of a start after a crash (measured: a checkpoint after 64 MB
 * of WAL took 27 ms with 16 MB of shared buffers).
 */
export const DEFAULT_MAINTENANCE_POLICY: MaintenancePolicy = {
  everyMs: 30_000,
  checkpointWalBytes: 64 * 1024 * 1024,
  checkpointMaxAgeMs: 5 * 60_000,
  vacuumThreshold: 50,
  vacuumScaleFactor: 0.2,
  freezeMaxAge: 200_000_000,
};

/**
 * WAL written since the redo point of the last checkpoint, beyond the record of that checkpoint
 * itself (a shutdown checkpoint's record is 114 bytes; one of a running server, with what
 * follows it, stays under a few kB until something is written).
 */
const SOMETHING_WRITTEN = 16 * 1024;

export interface Maintenance {
  /** No further round; settles when the one running, if any, has. */
  stop(): Promise<void>;
}

/**
 * The embedded database's background processes, which PGlite does not have: it runs Postgres as
 * a single backend, with no checkpointer and no autovacuum.
 *
 * - Checkpoints: without one, every commit's WAL stays on disk for as long as the server runs,
 *   and a start after a crash replays all of it (measured: 300 MB of WAL written, 320 MB in
 *   pg_wal, the redo point still the one of the start; only PGlite's shutdown checkpointed).
 * - Vacuum: without it, the space of every deleted or replaced row stays taken, and the files
 *   grow with every edit ever made (after 35 s of 200 typists: the minutes' log 2,392 live rows
 *   and 10,615 dead ones, the search entries 208 and 6,600); and the transaction counter would,
 *   after 2 billion commits, wrap around into data loss, which Postgres prevents by stopping.
 *
 * Each is a query like any other on the embedded database's one connection: commits wait
 * behind it for its length (tens of milliseconds), rarely. A round that fails goes to `onError`
 * (logged: one that keeps failing would let the files grow again unseen) and is tried again at
 * the next one.
 */
export function maintainEmbedded(sql: Sql, policy: MaintenancePolicy = DEFAULT_MAINTENANCE_POLICY, onError: (error: Error) => void = () => {}): Maintenance {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const round = async () => {
    // Vacuum first: it writes WAL of its own, which the checkpoint after it then covers.
    await vacuumIfDue(sql, policy, () => stopped);
    if (!stopped) await checkpointIfDue(sql, policy);
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round()
        .catch((error: unknown) => onError(error instanceof Error ? error : new Error(String(error))))
        .finally(schedule);
    }, policy.everyMs);
    // Not a reason to keep the process running; shutdown makes its own checkpoint.
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

async function checkpointIfDue(sql: Sql, policy: MaintenancePolicy): Promise<void> {
  const [state] = await sql<{ wal: number; ageMs: number }[]>`
    select pg_wal_lsn_diff(pg_current_wal_insert_lsn(), redo_lsn)::float8 as wal,
           (extract(epoch from now() - checkpoint_time) * 1000)::float8 as age_ms
      from pg_control_checkpoint()`;
  if (!state) return;
  if (state.wal >= policy.checkpointWalBytes || (state.ageMs >= policy.checkpointMaxAgeMs && state.wal > SOMETHING_WRITTEN)) await sql`checkpoint`;
}

async function vacuumIfDue(sql: Sql, policy: MaintenancePolicy, stopped: () => boolean): Promise<void> {
  const [database] = await sql<{ age: number }[]>`select age(datfrozenxid)::float8 as age from pg_database where datname = current_database()`;
  if (database && database.age >= policy.freezeMaxAge) {
    // Every table, the catalogs too: the database's oldest transaction is the oldest of them all.
    await sql`vacuum (freeze)`;
    return;
  }
  const tables = await sql<{ schema: string; name: string }[]>`
    select schemaname as schema, relname as name from pg_stat_user_tables
     where n_dead_tup > ${policy.vacuumThreshold} + ${policy.vacuumScaleFactor}::float8 * n_live_tup
     order by n_dead_tup desc`;
  for (const table of tables) {
    if (stopped()) return;
    await sql`vacuum ${sql(table.schema)}.${sql(table.name)}`;
  }
}
