// The embedded database (PGlite: Postgres compiled to WebAssembly) off the main thread. Plain
// JavaScript so that it loads the same way under tsx, vitest and node.
//
// As a worker thread (workerData.dataDir): PGlite executes every query synchronously inside
// WebAssembly; on the main thread each commit would stop the event loop, and with it every
// broadcast and acknowledgement. Here it has its own event loop and serves the main thread over
// a unix socket (pgliteWire.mjs), as a Postgres server would.
//
// As a child process (`node embeddedWorker.mjs --init DIR`): creates a new data directory and
// exits. initdb runs in a second WebAssembly instance whose ~500 MB a process never gives back;
// a short-lived process takes that memory with it.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
// Search (migration 008) needs pg_trgm, which PGlite loads as an extension bundle.
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { checkCommitsFlush, DURABLE_CONF, DURABLE_START_PARAMS, flushTree, flushWrites } from './pgliteDurable.mjs';
import { serveWire } from './pgliteWire.mjs';

// Minutes logs are small and PGlite's files sit in the OS page cache anyway; Postgres's default
// 128 MB of shared buffers would be most of the process's memory (measured: 293 → 176 MB RSS).
//
// A new WAL segment is not written full of zeros first: that was 16 MB and a flush inside the
// commit that filled the previous segment, and every document's commits waited for it (15–25 ms,
// every ~11 s under 500 typists). Nothing is less durable: commits flush with fsync, which also
// flushes the blocks a segment gains as WAL is written into it; a full disk stops commits either
// way. Alternated runs, 500 typists over 50 documents: p99 lower in 8 pairs of 10, the median of
// this evening's from 52 to 38 ms; 200 typists in one document, no difference (2026-12-07). Once
// checkpoints recycle old segments (embeddedMaintenance.ts), few are made new anyway.
const POSTGRESQL_CONF = `shared_buffers = 16MB\nwal_init_zero = off\n${DURABLE_CONF}`;

if (isMainThread) {
  const dir = process.argv[process.argv.indexOf('--init') + 1];
  const db = await PGlite.create(dir, { postgresqlconf: POSTGRESQL_CONF, startParams: DURABLE_START_PARAMS });
  await db.close();
  flushTree(dir);
} else {
  const { dataDir, socketPath } = workerData;
  const db = await PGlite.create(dataDir, { postgresqlconf: POSTGRESQL_CONF, startParams: DURABLE_START_PARAMS, extensions: { pg_trgm } });
  // A failed flush ends the worker (an uncaught error): the server then fails its queries, as
  // with a lost Postgres server, and logs why (embedded.ts).
  flushWrites(db, (error) => process.nextTick(() => { throw error; }));
  flushTree(dataDir);
  await checkCommitsFlush(db);
  const stopServing = await serveWire(db, socketPath);
  parentPort.postMessage({ type: 'ready', address: socketPath });
  parentPort.on('message', async (message) => {
    if (message?.type !== 'stop') return;
    await stopServing();
    await db.close();
    parentPort.postMessage({ type: 'stopped' });
  });
}
