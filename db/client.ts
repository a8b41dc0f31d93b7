import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';

export type Sql = postgres.Sql;
/** A connection or a transaction: queries take either. */
export type Queryable = postgres.Sql | postgres.TransactionSql;

export interface Database {
  sql: Sql;
  kind: 'external' | 'embedded';
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A real Postgres server; when absent an embedded one (PGlite) is started in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
}

const common = {
  onnotice: () => {},
  // Columns come back camelCased (snake_case in SQL); bigint ids as strings; timestamps as Date.
  transform: { ...postgres.camel, undefined: null },
} as const;

/**
 * Opens the database. With `databaseUrl` a pool to a real server; otherwise PGlite (Postgres in
 * WebAssembly) with its files in `dataDir/pglite`, served over a loopback socket so that the
 * same postgres.js code runs against both. PGlite is single-connection: pool `max: 1`.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const sql = postgres(options.databaseUrl, { ...common, max: 10 });
    return { sql, kind: 'external', close: () => sql.end({ timeout: 5 }) };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const dir = path.resolve(options.dataDir, 'pglite');
  await mkdir(dir, { recursive: true });
  const pglite = await PGlite.create(dir);
  const server = new PGLiteSocketServer({ db: pglite, port: 0, host: '127.0.0.1' });
  await server.start();
  const [host, port] = server.getServerConn().split(':');
  const sql = postgres({ ...common, host, port: Number(port), user: 'postgres', database: 'postgres', max: 1 });
  return {
    sql,
    kind: 'embedded',
    async close() {
      await sql.end({ timeout: 5 });
      await server.stop();
      await pglite.close();
    },
  };
}
