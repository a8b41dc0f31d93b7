/**
 * Opening and memory benchmark (issue 13, "Opening"): `npm run bench:open`
 * - a document whose log has 100,000 one-keystroke rows: time from the socket's open to the
 *   first sync step 2 (target < 300 ms);
 * - a compacted 50-page document: the same (target < 50 ms);
 * - 2,000 meetings opened and closed in a row: the server's memory after, against before
 *   (target: within 10 %; documents unloaded, awareness and listeners freed);
 * - 1,000 idle connections: memory per connection (target < 100 kB).
 * Embedded database unless BENCH_DB=postgres (with DATABASE_URL). Memory is the server process's
 * RSS after a full GC.
 */
import { LatencyBook, LoadClient } from './bench/collab/loadClient.js';
import { BenchServerProcess } from './bench/collab/serverProcess.js';
import { summary } from './bench/collab/stats.js';
import { yWebsocketWire } from './bench/collab/wire.js';

process.setMaxListeners(0);
const MEETINGS = Number(process.env.BENCH_MEETINGS ?? 2_000);
const IDLE = Number(process.env.BENCH_IDLE ?? 1_000);
const LOG_ROWS = Number(process.env.BENCH_LOG_ROWS ?? 100_000);
const mb = (bytes: number) => (bytes / 1048576).toFixed(1);

const server = await BenchServerProcess.start(new URL('./bench/collab/servers/mahdar.ts', import.meta.url).pathname, {
  BENCH_DB: process.env.BENCH_DB ?? 'embedded',
  BENCH_DOCS: String(MEETINGS),
  BENCH_LOG_ROWS: String(LOG_ROWS),
  BENCH_PAGES: '50',
});
const { base, docNames, headers } = server.ready;
const book = new LatencyBook();
const open = async (docName: string) => {
  const started = performance.now();
  const client = new LoadClient(yWebsocketWire, base, docName, headers, book, true);
  await client.synced;
  return { client, ms: performance.now() - started };
};

// Each document is opened cold once (the first open loads it), then closed.
const rows = await open(docNames[0]!);
rows.client.close();
const compacted = await open(docNames[1]!);
compacted.client.close();
console.log(`open, ${LOG_ROWS} log rows: ${rows.ms.toFixed(0)} ms (target < 300)`);
console.log(`open, compacted 50 pages: ${compacted.ms.toFixed(0)} ms (target < 50)`);

// Warm up the code paths, then measure from a settled baseline.
for (const name of docNames.slice(2, 52)) (await open(name)).client.close();
await new Promise((r) => setTimeout(r, 1_500));
const before = await server.rssAfterGc();
const opens: number[] = [];
for (const name of docNames.slice(52)) {
  const { client, ms } = await open(name);
  opens.push(ms);
  client.close();
}
// Unused documents unload after the idle delay.
await new Promise((r) => setTimeout(r, 3_000));
const after = await server.rssAfterGc();
const s = summary(opens);
console.log(
  `${opens.length} meetings opened and closed: open p50 ${s.p50.toFixed(1)} / p99 ${s.p99.toFixed(1)} ms; RSS ${mb(before)} → ${mb(after)} MB (${(((after - before) / before) * 100).toFixed(1)} %, target within 10 %)`,
);

const idleBefore = await server.rssAfterGc();
const idle: LoadClient[] = [];
for (let i = 0; i < IDLE; i++) {
  idle.push((await open(docNames[2 + (i % Math.min(10, docNames.length - 2))]!)).client);
}
await new Promise((r) => setTimeout(r, 1_000));
const idleAfter = await server.rssAfterGc();
console.log(`${IDLE} idle connections: ${(((idleAfter - idleBefore) / IDLE) / 1024).toFixed(1)} kB each (target < 100)`);
for (const c of idle) c.close();
await server.stop();
process.exit(0);
