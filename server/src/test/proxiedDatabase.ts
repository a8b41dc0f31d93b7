import { rm } from 'node:fs/promises';
import path from 'node:path';
import { testDataDirectory } from './freshDatabase.js';
import { createTestDatabase, type TestDatabase } from './testDatabase.js';
import { startTcpProxy, type TcpProxy } from './tcpProxy.js';

export interface ProxiedDatabase extends TestDatabase {
  /** Between the server and Postgres: cut it to take the database away. */
  proxy: TcpProxy;
}

/**
 * A fresh database that the server reaches through a TCP proxy: a new database on the server of
 * `DATABASE_URL`, or without it an embedded Postgres (PGlite) served on a local socket.
 */
export async function createProxiedDatabase(): Promise<ProxiedDatabase> {
  if (process.env.DATABASE_URL) {
    const db = await createTestDatabase();
    const url = new URL(db.databaseUrl!);
    const proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    return {
      ...db,
      databaseUrl: url.toString(),
      proxy,
      async drop() {
        await proxy.close();
        await db.drop();
      },
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const dataDir = await testDataDirectory();
  // Search (migration 008) needs pg_trgm, as in db/embeddedWorker.mjs.
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const pglite = await PGlite.create(path.join(dataDir, 'pglite'), { extensions: { pg_trgm } });
  // PGlite is one session, shared by the connections the socket server admits: the server's pool
  // (`max=1`), its commit connection, its probe, the cluster bus's listener (DATABASE_URL is set:
  // the server takes it for a Postgres server), and room for the connections a cut leaves behind
  // until they time out (with 3, the server never got a connection again after the first outage).
  const server = new PGLiteSocketServer({ db: pglite, port: 0, host: '127.0.0.1', maxConnections: 10 });
  await server.start();
  const [host, port] = server.getServerConn().split(':');
  const proxy = await startTcpProxy({ host: host!, port: Number(port) });
  return {
    databaseUrl: `postgres://postgres@127.0.0.1:${proxy.port}/postgres?max=1`,
    dataDir,
    proxy,
    async drop() {
      await proxy.close();
      await server.stop();
      await pglite.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
