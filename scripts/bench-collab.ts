/**
 * Side-by-side collaboration benchmark:
 *   npm run bench:collab -- [typists=200] [documents=1] [seconds=40] [keystrokes/s=5] [servers]
 * (and BENCH_WARMUP seconds, default 5, of the same load before the measured seconds;
 * BENCH_TIMELINE=prefix writes each server's timed keystrokes to prefix-<server>.tsv, sent ms and
 * latency ms a line, to see when the slow ones were sent).
 * `servers` is a comma list of mahdar, mahdar-postgres (needs DATABASE_URL), hocuspocus,
 * y-websocket-server; by default all that can run here. Two more run only when named, to show
 * what the commit costs: mahdar-journal (the same server, its live documents committing to a
 * flushed file instead of the database) and mahdar-no-commit (committing nowhere); see
 * bench/collab/diagnosticStore.ts. They are measurements, not ways to run Mahdar.
 *
 * Each server runs in its own process (scripts/bench/collab/servers/*) and is driven, one after
 * the other, by the same load generator: every typist types into its own line, latency is a
 * keystroke leaving its typist until another client (its document's observer) has applied it.
 * Prints p50/p95/p99, Mahdar's keystroke→"saved" p99, loss, convergence, the server's CPU and
 * peak RSS, and each p99 as a ratio to the best peer's. On a shared machine only the ratios mean
 * much; run it more than once.
 */
import { BenchServerProcess } from './bench/collab/serverProcess.js';
import { runLoad, type LoadResult } from './bench/collab/runLoad.js';
import { hocuspocusWire, yWebsocketWire, type Wire } from './bench/collab/wire.js';

process.setMaxListeners(0);
// 40 s: the compactor (every 30 s, as `npm start` runs it) compacts inside the timed part.
const [typists = 200, docs = 1, seconds = 40, rate = 5] = process.argv.slice(2, 6).map(Number);
const wanted = process.argv[6]?.split(',');
const warmupSeconds = Number(process.env.BENCH_WARMUP ?? 5);

interface Contender {
  key: string;
  name: string;
  script: string;
  env: Record<string, string>;
  wire: Wire;
  peer: boolean;
  /** Only when named (the diagnostic contenders). */
  named?: boolean;
}

const dir = new URL('./bench/collab/servers/', import.meta.url).pathname;
const all: Contender[] = [
  { key: 'mahdar', name: 'Mahdar, embedded (PGlite)', script: `${dir}mahdar.ts`, env: { BENCH_DB: 'embedded', BENCH_COMMIT: 'database' }, wire: yWebsocketWire, peer: false },
  { key: 'hocuspocus', name: 'Hocuspocus 4.7 (in memory)', script: `${dir}hocuspocus.ts`, env: {}, wire: hocuspocusWire, peer: true },
  { key: 'y-websocket-server', name: '@y/websocket-server 0.1.1', script: `${dir}yWebsocketServer.ts`, env: {}, wire: yWebsocketWire, peer: true },
];
if (process.env.DATABASE_URL) {
  all.splice(1, 0, { key: 'mahdar-postgres', name: 'Mahdar, Postgres', script: `${dir}mahdar.ts`, env: { BENCH_DB: 'postgres', BENCH_COMMIT: 'database' }, wire: yWebsocketWire, peer: false });
}
all.push(
  { key: 'mahdar-journal', name: 'Mahdar, diagnostic: commits to a file', script: `${dir}mahdar.ts`, env: { BENCH_DB: 'embedded', BENCH_COMMIT: 'journal' }, wire: yWebsocketWire, peer: false, named: true },
  { key: 'mahdar-no-commit', name: 'Mahdar, diagnostic: no commit', script: `${dir}mahdar.ts`, env: { BENCH_DB: 'embedded', BENCH_COMMIT: 'none' }, wire: yWebsocketWire, peer: false, named: true },
);
const contenders = all.filter((c) => (wanted ? wanted.includes(c.key) : !c.named));

console.log(`${typists} typists over ${docs} document(s), ${rate} keystrokes/s each, ${seconds} s per server after ${warmupSeconds} s of warm-up\n`);
const rows: { contender: Contender; result: LoadResult | null; cpu: number; rss: number; error?: string }[] = [];
for (const contender of contenders) {
  const server = await BenchServerProcess.start(contender.script, { ...contender.env, BENCH_DOCS: String(docs) });
  let result: LoadResult | null = null;
  let error: string | undefined;
  server.markStart();
  try {
    const timelineFile = process.env.BENCH_TIMELINE ? `${process.env.BENCH_TIMELINE}-${contender.key}.tsv` : undefined;
    result = await runLoad(contender.wire, server.ready, { typists, seconds, rate, warmupSeconds, timelineFile });
  } catch (e) {
    error = String(e);
  }
  const cpu = server.cpuPercent();
  // Mahdar's harness prints where its memory goes (heap, buffers) at the end of the load.
  if (!contender.peer) await server.rssAfterGc();
  await server.stop();
  rows.push({ contender, result, cpu, rss: server.peakRssMb, error });
  console.log(`done: ${contender.name}${error ? ` (${error})` : ''}`);
}

const bestPeerP99 = Math.min(...rows.filter((r) => r.contender.peer && r.result && r.result.lost === 0).map((r) => r.result!.latency.p99));
const f = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');
console.log('\n| server | p50 / p95 / p99 ms | p99 ÷ best peer | saved p99 ms | lost / sent | converged | closed | CPU % | peak RSS MB |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const { contender, result, cpu, rss, error } of rows) {
  if (!result) {
    console.log(`| ${contender.name} | failed: ${error} | | | | | | ${f(cpu)} | ${f(rss)} |`);
    continue;
  }
  const { latency, saved } = result;
  const ratio = Number.isFinite(bestPeerP99) ? (latency.p99 / bestPeerP99).toFixed(2) : '—';
  console.log(
    `| ${contender.name} | ${f(latency.p50)} / ${f(latency.p95)} / ${f(latency.p99)} | ${ratio} | ${saved ? f(saved.p99) : '—'} | ${result.lost} / ${result.sent} | ${result.converged ? 'yes' : 'NO'} | ${result.closedClients} | ${f(cpu)} | ${f(rss)} |`,
  );
}
process.exit(0);
