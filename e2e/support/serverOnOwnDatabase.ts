/**
 * The e2e server (the built one, as `npm start` runs it) on a database of its own when
 * DATABASE_URL names a Postgres server: a new, empty database for this run, dropped when the
 * server stops. The specs then never meet rows of earlier runs; CI's Postgres may be kept
 * between runs, and an admin page listing thousands of users from them made tests time out.
 * Without DATABASE_URL the server uses DATA_DIR (a fresh embedded database made by the config).
 */
import { spawn } from 'node:child_process';
import { createTestDatabase, type TestDatabase } from '../../server/src/test/freshDatabase.js';

const own: TestDatabase | null = process.env.DATABASE_URL ? await createTestDatabase('default') : null;
const env = own?.databaseUrl ? { ...process.env, DATABASE_URL: own.databaseUrl } : process.env;

const server = spawn(process.execPath, ['dist/node/server/src/main.js'], { env, stdio: 'inherit' });
// Playwright stops the web server with SIGTERM to its process group; passed on in case only
// this process gets it (the server ignores a second one).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code, signal) => {
  const status = code ?? (signal ? 1 : 0);
  (own ? own.drop() : Promise.resolve()).then(
    () => process.exit(status),
    (error: unknown) => {
      process.stderr.write(`the e2e database was not dropped: ${String(error)}\n`);
      process.exit(status || 1);
    },
  );
});
