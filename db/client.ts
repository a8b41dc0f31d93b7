import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import { startEmbedded } from './embedded.js';
import { maintainEmbedded, type MaintenancePolicy } from './embeddedMaintenance.js';
import { renewingPool } from './renewingPool.js';
import { parseTimestamp } from './timestampText.js';

export type Sql = postgres.Sql;
/** A connection or a transaction: queries take either. */
export type Queryable = postgres.Sql | postgres.TransactionSql;

export interface Database {
  sql: Sql;
  /**
   * Where the minutes' commits go (collab/commitBatcher.ts runs one statement at a time): a
   * connection of their own on a Postgres server, so that no keystroke's "saved" waits for a
   * free connection behind exports, searches and projections. The embedded database has one
   * connection, and this is `sql`.
   */
  commitSql: Sql;
  /**
   * Connections for holding a lock that spans other queries (commands/meetingState.ts): in the
   * main pool, enough holders waiting for their own queries would take every connection and wait
   * for each other. A few (`LOCK_CONNECTIONS`), fewer than the main pool: such tasks never wait
   * for one another, and with one connection every meeting's change in the process queued behind
   * one meeting whose lock another process held. On the embedded database (one process, nothing
   * to lock against) `sql`.
   */
  lockSql: Sql;
  kind: 'external' | 'embedded';
  /**
   * Whether the database answers `select 1` within `timeoutMs`. Never waits longer, and
   * concurrent calls share one query, so probes cannot pile up while the database is down.
   */
  ping(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A real Postgres server; when absent an embedded one (PGlite) is started in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** The embedded database stopped on its own (logged by the caller). */
  onEmbeddedFailure?: (error: Error) => void;
  /** When the embedded database checkpoints and vacuums (embeddedMaintenance.ts); tests make it sooner. */
  embeddedMaintenance?: MaintenancePolicy;
  /** A checkpoint or vacuum of the embedded database failed (logged by the caller); tried again later. */
  onEmbeddedMaintenanceError?: (error: Error) => void;
}

/** postgres.js's own date type, but timestamps read for every year (db/timestampText.ts). */
const DATE_TYPE: postgres.PostgresType<Date> = {
  to: 1184,
  from: [1082, 1114, 1184],
  serialize: (x: Date | string) => (x instanceof Date ? x : new Date(x)).toISOString(),
  parse: parseTimestamp,
};

const common = {
  onnotice: () => {},
  // Columns come back camelCased (snake_case in SQL); bigint ids as strings; timestamps as Date.
  transform: { ...postgres.camel, undefined: null },
  // postgres.js waits (0.5–1)·min(3^failures/100, 20) s before reconnecting, the count growing
  // with every failed attempt of the outage: after a minute down, the first query once the
  // database was back waited 10–20 s. Retry within half a second instead (a refused connection
  // costs nothing).
  backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 0.5),
  // Connections are not recycled by age: a close renews the whole pool (see renewingPool).
  max_lifetime: null,
  types: { date: DATE_TYPE },
} as const;

function pinger(sql: Sql): Database['ping'] {
  let inFlight: Promise<boolean> | undefined;
  return async (timeoutMs) => {
    inFlight ??= sql`select 1`.then(
      () => true,
      () => false,
    ).finally(() => (inFlight = undefined));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    try {
      return await Promise.race([inFlight, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** See `Database.lockSql`. */
const LOCK_CONNECTIONS = 4;

/** Where the embedded database keeps its files in `dataDir`. */
export function embeddedDirectory(dataDir: string): string {
  return path.resolve(dataDir, 'pglite');
}

/**
 * Opens the database. With `databaseUrl` a pool to a real server; otherwise PGlite (Postgres in
 * WebAssembly) with its files in `dataDir/pglite`, served over a loopback socket so that the
 * same postgres.js code runs against both. PGlite is single-connection: pool `max: 1`.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    // The pool size may be set in the URL (`?max=20`); postgres.js would read it as a string.
    const max = Number(/[?&]max=(\d+)/.exec(options.databaseUrl)?.[1] ?? 10);
    const url = options.databaseUrl;
    const pool = renewingPool((onclose) => postgres(url, { ...common, max, onclose }));
    // Health checks get their own connection: they must not queue behind a busy or stuck pool.
    const probe = renewingPool((onclose) => postgres(url, { ...common, max: 1, connect_timeout: 2, onclose }));
    const commits = renewingPool((onclose) => postgres(url, { ...common, max: 1, onclose }));
    // Connects only when first used (postgres.js connects lazily).
    const locks = renewingPool((onclose) => postgres(url, { ...common, max: Math.min(LOCK_CONNECTIONS, Math.max(1, max - 1)), onclose }));
    return {
      sql: pool.sql,
      commitSql: commits.sql,
      lockSql: locks.sql,
      kind: 'external',
      ping: pinger(probe.sql),
      close: async () => {
        await Promise.all([pool.end(5), commits.end(5), locks.end(5), probe.end(1)]);
      },
    };
  }
  const dir = embeddedDirectory(options.dataDir);
  await mkdir(dir, { recursive: true });
  const embedded = await startEmbedded(dir, (error) => options.onEmbeddedFailure?.(error));
  const pool = renewingPool((onclose) => postgres({ ...common, path: embedded.path, user: 'postgres', database: 'postgres', max: 1, onclose }));
  const maintenance = maintainEmbedded(pool.sql, options.embeddedMaintenance, (error) => options.onEmbeddedMaintenanceError?.(error));
  return {
    sql: pool.sql,
    commitSql: pool.sql,
    lockSql: pool.sql,
    kind: 'embedded',
    ping: pinger(pool.sql),
    async close() {
      // Its query, if one runs, ends with the pool's, which cuts a stuck one after 5 s.
      const maintained = maintenance.stop();
      await pool.end(5);
      await maintained;
      await embedded.stop();
    },
  };
}
