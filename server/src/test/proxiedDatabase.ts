import { createTestDatabase, type TestDatabase } from './testDatabase.js';
import { startTcpProxy, type TcpProxy } from './tcpProxy.js';

export interface ProxiedDatabase extends TestDatabase {
  /** Between the server and Postgres: cut it to take the database away. */
  proxy: TcpProxy;
}

/** A fresh database on the server of `DATABASE_URL` that the server reaches through a TCP proxy. */
export async function createProxiedDatabase(): Promise<ProxiedDatabase> {
  // The embedded database lives in the server's process (a worker thread): there is no link to
  // it that could drop and come back, only the process itself failing (db/embedded.ts).
  if (!process.env.DATABASE_URL) throw new Error('a database taken away and back needs a Postgres server: set DATABASE_URL (.ci/run sets it)');
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
