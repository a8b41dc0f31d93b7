/**
 * Cross-node edit latency: three Mahdar processes on one Postgres (DATABASE_URL), typists spread
 * over them, each typing into its own line of one document at 5 keystrokes/s. Latency is a
 * keystroke leaving its typist until an observer of its meeting (on node 0 unless
 * BENCH_AFFINITY) has applied it: "cross-node" for typists on other nodes (commit, NOTIFY
 * carrying the row, the observer's node applies it, broadcast), "same node" for typists on the
 * observer's node. `BENCH_TYPISTS` (100), `BENCH_SECONDS` (20, timed, after `BENCH_WARMUP` (5)
 * seconds of the same typing, checked but not timed), `BENCH_NODES` (3; 1 gives the single-process
 * figure under the same machine load, to compare with), `BENCH_MEETINGS` (1: typist i types in
 * meeting i mod that, each meeting's typists spread over the nodes, its observers on node 0) and
 * `BENCH_AFFINITY=1` (each meeting's typists and observers all on one node, meeting m on node m
 * mod nodes: what a load balancer that routes by the meeting's path gives).
 */
import * as Y from 'yjs';
import { MINUTES_FRAGMENT } from '../shared/editor/schema.js';
import { ApiClient } from '../server/src/test/apiClient.js';
import { rssBytes, spawnServer, type ServerProcess } from '../server/src/test/serverProcess.js';
import { createTestDatabase } from '../server/src/test/testDatabase.js';
import { ADMIN } from '../server/src/test/testServer.js';
import { LatencyBook, LoadClient } from './bench/collab/loadClient.js';
import { asNpmStartRuns, processCpuMs } from './bench/collab/serverProcess.js';
import { summary } from './bench/collab/stats.js';
import { typeAtRate } from './bench/collab/typeAtRate.js';
import { yWebsocketWire } from './bench/collab/wire.js';

if (!process.env.DATABASE_URL) {
  process.stderr.write('bench:multinode needs DATABASE_URL (several processes share one Postgres; the embedded database is one process)\n');
  process.exit(1);
}
const typistCount = Number(process.env.BENCH_TYPISTS ?? 100);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const nodeCount = Number(process.env.BENCH_NODES ?? 3);
const warmup = Number(process.env.BENCH_WARMUP ?? 5);
const meetingCount = Number(process.env.BENCH_MEETINGS ?? 1);
const affinity = process.env.BENCH_AFFINITY === '1';
const RATE = 5;

const db = await createTestDatabase();
// Each node runs as `npm start` runs the server (its build, flags and environment).
const command = await asNpmStartRuns('server/src/main.ts');
const nodes: ServerProcess[] = [await spawnServer(db, 0, {}, command)];
nodes.push(...(await Promise.all(Array.from({ length: nodeCount - 1 }, () => spawnServer(db, 0, {}, command)))));
for (const node of nodes) node.child.stderr!.pipe(process.stderr);
const peakRss = nodes.map(() => 0);
const sampler = setInterval(() => {
  nodes.forEach((n, i) => void rssBytes(n.child.pid!).then((b) => (peakRss[i] = Math.max(peakRss[i]!, b)), () => {}));
}, 200);
try {
  const admin = await ApiClient.signIn(nodes[0]!.url, ADMIN.email, ADMIN.password);
  const group = await admin.createGroup();
  const meetingIds: string[] = [];
  for (let m = 0; m < meetingCount; m++) meetingIds.push((await admin.createMeeting(group.id)).id);
  const headers = { cookie: admin.cookie! };
  const base = (node: number) => `${nodes[node]!.url.replace(/^http/, 'ws')}/collab`;
  const books = { cross: new LatencyBook(), same: new LatencyBook() };
  const observerNode = (m: number) => (affinity ? m % nodeCount : 0);
  // Per meeting, one observer times the typists on other nodes and one those on its own.
  const observers = meetingIds.map((id, m) => ({
    cross: new LoadClient(yWebsocketWire, base(observerNode(m)), id, headers, books.cross, true),
    same: new LoadClient(yWebsocketWire, base(observerNode(m)), id, headers, books.same, true),
  }));
  const observerClients = observers.flatMap((o) => [o.cross, o.same]);
  const typists: LoadClient[] = [];
  for (let i = 0; i < typistCount; i++) {
    const m = i % meetingCount;
    const node = affinity ? observerNode(m) : Math.floor(i / meetingCount) % nodeCount;
    typists.push(new LoadClient(yWebsocketWire, base(node), meetingIds[m]!, headers, node === observerNode(m) ? books.same : books.cross, false));
    if (i % 25 === 24) await new Promise((r) => setTimeout(r, 20));
  }
  await Promise.all([...observerClients, ...typists].map((c) => c.synced));
  typists.forEach((t, i) => t.startLine(`سطر ${i}: `));
  await new Promise((r) => setTimeout(r, 1_000));

  // The first seconds warm up the servers (their JIT compilers, connections, buffers): typed
  // and checked, not timed, as in bench:collab; CPU is counted over the timed seconds too.
  let cpuAtStart: number[] = [];
  let measuredFrom = 0;
  const typed = await typeAtRate(typists, RATE, warmup + seconds, (start) => {
    for (const book of Object.values(books)) book.measureFrom = start + warmup * 1000;
    setTimeout(() => {
      cpuAtStart = nodes.map((n) => processCpuMs(n.child.pid!));
      measuredFrom = performance.now();
    }, warmup * 1000);
  });
  const typingMs = performance.now() - measuredFrom;
  const cpuPercent = nodes.map((n, i) => ((processCpuMs(n.child.pid!) - cpuAtStart[i]!) / typingMs) * 100);
  const drainBy = performance.now() + 10_000;
  const pending = () => Object.values(books).some((b) => b.arrivedCount < b.sentCount);
  while (pending() && performance.now() < drainBy) await new Promise((r) => setTimeout(r, 50));
  const savedBy = performance.now() + 3_000;
  while (typists.some((t) => !t.allSaved) && performance.now() < savedBy) await new Promise((r) => setTimeout(r, 50));

  const lines = new Map<string, string>();
  observers.forEach((observer, m) => {
    for (const node of observer.cross.doc.getXmlFragment(MINUTES_FRAGMENT).toArray()) {
      const text = node instanceof Y.XmlElement ? node.get(0) : null;
      if (text instanceof Y.XmlText) lines.set(`${m} ${text.toString().split(':')[0]!}`, text.toString());
    }
  });
  // Every typist's line reads, in its own meeting, exactly as the typist typed it.
  const converged = typists.every((t, i) => lines.get(`${i % meetingCount} سطر ${i}`) === t.lineText && t.lineText.endsWith(typed[i]!));
  const saved = summary(typists.flatMap((t) => t.savedLatencies));
  const row = (name: string, book: LatencyBook) => {
    const s = summary(book.latencies);
    // One node (BENCH_NODES=1) has no typists on other nodes: nothing to time, not NaN.
    const times = s.n === 0 ? '—' : `${s.p50.toFixed(1)} / ${s.p95.toFixed(1)} / ${s.p99.toFixed(1)}`;
    return `| ${name} | ${times} | ${book.sentCount} | ${book.sentCount - book.arrivedCount} |`;
  };
  process.stdout.write(
    [
      `\n${typistCount} typists in ${meetingCount} meeting(s) over ${nodeCount} node(s) (one Postgres), ${RATE} keystrokes/s each, ${seconds} s timed after ${warmup} s of warm-up; ${affinity ? "each meeting's typists and observers on one node" : 'observers on node 0'}\n`,
      '| edit → observer | p50 / p95 / p99 ms | keystrokes | lost |',
      '|---|---|---|---|',
      row('cross-node (typists on other nodes)', books.cross),
      row("same node (typists on their observer's node)", books.same),
      `\nsaved p50 / p99: ${saved.p50.toFixed(1)} / ${saved.p99.toFixed(1)} ms · converged: ${converged ? 'yes' : 'NO'} · closed clients: ${[...observerClients, ...typists].filter((c) => c.closedWith !== null).length}`,
      `server CPU per node while typing (% of one core): ${cpuPercent.map((p) => p.toFixed(0)).join(', ')} · total ${cpuPercent.reduce((a, b) => a + b, 0).toFixed(0)}`,
      `peak RSS per node: ${peakRss.map((b) => `${Math.round(b / 1048576)} MB`).join(', ')}\n`,
    ].join('\n') + '\n',
  );
  for (const c of [...observerClients, ...typists]) c.close();
} finally {
  clearInterval(sampler);
  for (const node of nodes) node.child.kill('SIGTERM');
  await Promise.all(nodes.map((n) => n.exited));
  await db.drop();
}
