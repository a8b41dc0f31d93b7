/**
 * Opening and memory benchmark (issue 13, "Opening"): `npm run bench:open`
 * - a document whose log has 100,000 one-keystroke rows (the compactor held off): time from the
 *   socket's open to the arrival of the server's first sync step 2, the document loading cold on a
 *   server that has served 50 small meetings (target < 300 ms); the keystrokes go to 40 lines in
 *   turn (the worst case), or to BENCH_LOG_LINES lines (1: one person typing at one caret);
 * - a compacted 50-page document: the same (target < 50 ms);
 * - 2,000 meetings opened, typed into (one line, until saved) and closed in a row: the server's
 *   memory once they have all unloaded (production idle delay, 30 s), against before (target:
 *   within 10 %; documents unloaded, awareness, listeners and per-meeting state freed);
 * - 1,000 idle connections: memory per connection (target < 100 kB).
 * Embedded database unless BENCH_DB=postgres (with DATABASE_URL). Memory is the server process's
 * RSS after a full GC (PGlite's worker thread included).
 */
import { LatencyBook, LoadClient } from './bench/collab/loadClient.js';
import { BenchServerProcess } from './bench/collab/serverProcess.js';
import { summary } from './bench/collab/stats.js';
import { yWebsocketWire } from './bench/collab/wire.js';

process.setMaxListeners(0);
const MEETINGS = Number(process.env.BENCH_MEETINGS ?? 2_000);
const IDLE = Number(process.env.BENCH_IDLE ?? 1_000);
const LOG_ROWS = Number(process.env.BENCH_LOG_ROWS ?? 100_000);
/** Lines the long log's keystrokes go to in turn: 40, the worst case (see fillLog); 1, typing at one caret. */
const LOG_LINES = Number(process.env.BENCH_LOG_LINES ?? 40);
/** Copies of each opening fixture, each opened cold once (the machine is shared: a median of a few). */
const FIXTURES = Number(process.env.BENCH_FIXTURES ?? 3);
const FIRST_PLAIN = 2 * FIXTURES;
const mb = (bytes: number) => (bytes / 1048576).toFixed(1);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const server = await BenchServerProcess.start(new URL('./bench/collab/servers/mahdar.ts', import.meta.url).pathname, {
  BENCH_DB: process.env.BENCH_DB ?? 'embedded',
  BENCH_COMMIT: 'database',
  BENCH_DOCS: String(FIRST_PLAIN + 50 + MEETINGS),
  BENCH_LOG_ROWS: String(LOG_ROWS),
  BENCH_LOG_LINES: String(LOG_LINES),
  BENCH_PAGES: '50',
  BENCH_FIXTURES: String(FIXTURES),
  BENCH_COMPACT_INTERVAL_MS: String(3_600_000),
});
const { base, docNames, headers } = server.ready;
const book = new LatencyBook();
/** Opens a socket; `ms`: from its open to the server's first sync step 2. */
const open = async (docName: string) => {
  const client = new LoadClient(yWebsocketWire, base, docName, headers, book, true);
  await client.synced;
  return { client, ms: client.firstStep2At - client.openedAt };
};

/** Opens, types one line, waits until the server acknowledged it as saved, closes. */
const visit = async (docName: string) => {
  const { client, ms } = await open(docName);
  client.startLine('زيارة');
  while (!client.allSaved) await sleep(2);
  client.close();
  return ms;
};

/** Memory once every document has unloaded (the idle delay is the production one). */
const settledMemory = async () => {
  for (let waited = 0; ; waited += 1_000) {
    const memory = await server.memoryAfterGc();
    if (memory.loadedDocuments === 0) return memory;
    if (waited > 120_000) throw new Error(`${memory.loadedDocuments} documents still loaded after ${waited} ms`);
    await sleep(1_000);
  }
};

// A server that has served a few meetings (its code compiled), then each fixture document opened
// cold once (the first open loads it) and closed. The server's CPU for each open is printed too:
// unlike the time, other processes on the machine hardly change it.
for (const name of docNames.slice(FIRST_PLAIN, FIRST_PLAIN + 50)) await visit(name);
const coldOpens = async (names: string[]) => {
  const results: { ms: number; cpuMs: number }[] = [];
  for (const name of names) {
    const cpu = server.cpuMs();
    const { client, ms } = await open(name);
    results.push({ ms, cpuMs: server.cpuMs() - cpu });
    client.close();
  }
  const show = (values: number[]) => values.map((v) => v.toFixed(0)).join(', ');
  return `${show(results.map((r) => r.ms))} ms (median ${summary(results.map((r) => r.ms)).p50.toFixed(0)}); server CPU ${show(results.map((r) => r.cpuMs))} ms`;
};
console.log(`open, ${LOG_ROWS} log rows (keystrokes over ${LOG_LINES} line${LOG_LINES === 1 ? '' : 's'}): ${await coldOpens(docNames.slice(0, FIXTURES))} (target < 300 ms)`);
console.log(`open, compacted 50 pages: ${await coldOpens(docNames.slice(FIXTURES, 2 * FIXTURES))} (target < 50 ms)`);

// Measure from a settled baseline.
const before = await settledMemory();
const opens: number[] = [];
for (const name of docNames.slice(FIRST_PLAIN + 50)) opens.push(await visit(name));
const after = await settledMemory();
const s = summary(opens);
console.log(
  `${opens.length} meetings opened, typed into and closed: open p50 ${s.p50.toFixed(1)} / p99 ${s.p99.toFixed(1)} ms; ` +
    `RSS ${mb(before.rss)} → ${mb(after.rss)} MB (${(((after.rss - before.rss) / before.rss) * 100).toFixed(1)} %, target within 10 %); ` +
    `JS heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)} MB`,
);

const idleBefore = await server.memoryAfterGc();
const idle: LoadClient[] = [];
for (let i = 0; i < IDLE; i++) {
  idle.push((await open(docNames[FIRST_PLAIN + (i % 10)]!)).client);
}
await sleep(1_000);
const idleAfter = await server.memoryAfterGc();
console.log(`${IDLE} idle connections: ${((idleAfter.rss - idleBefore.rss) / IDLE / 1024).toFixed(1)} kB each (target < 100)`);
for (const c of idle) c.close();
await server.stop();
process.exit(0);
