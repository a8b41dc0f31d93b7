import { get } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type * as Y from 'yjs';
import type { YClient } from './yClient.js';

export interface Latencies {
  /** Keystroke to "saved" (the server's acknowledgement after commit), ms. */
  acks: number[];
  /** `GET /api/healthz` round trips, ms. */
  health: number[];
  /** Longest the server's event loop was blocked (the test server runs in this process), ms. */
  loopDelayMaxMs: number;
  /** CPU time this process (server and probes, not its child processes) used meanwhile, ms. */
  cpuMs: number;
}

export interface Typist {
  editor: YClient;
  line: Y.XmlText;
}

/**
 * While `work` runs, each typist types into its `line` (a keystroke, wait for "saved", 20 ms
 * pause) and a monitor asks for `/api/healthz` every 20 ms; both latencies are recorded, and so
 * is the delay of this process's event loop, where the test server runs. Give several typists
 * (each on a connection of its own) when a p99 is judged: with under a hundred samples the p99
 * is just the single slowest one.
 */
export async function latenciesDuring<T>(work: Promise<T>, probe: { url: string; typists: Typist[] }): Promise<{ result: T } & Latencies> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpu = process.cpuUsage();
  let done = false;
  const finished = work.finally(() => (done = true));
  const acks: number[] = [];
  const health: number[] = [];
  const pause = () => new Promise((r) => setTimeout(r, 20));
  const typing = probe.typists.map(async ({ editor, line }) => {
    while (!done) {
      const started = performance.now();
      line.insert(line.length, ' ك');
      await editor.whenSaved(30_000);
      acks.push(performance.now() - started);
      await pause();
    }
  });
  const checking = (async () => {
    while (!done) {
      const started = performance.now();
      const status = await healthStatus(probe.url);
      if (status !== 200) throw new Error(`health answered ${status}`);
      health.push(performance.now() - started);
      await pause();
    }
  })();
  try {
    const result = await finished;
    await Promise.all([...typing, checking]);
    const used = process.cpuUsage(cpu);
    return { result, acks, health, loopDelayMaxMs: loop.max / 1e6, cpuMs: (used.user + used.system) / 1000 };
  } finally {
    loop.disable();
  }
}

/**
 * `GET /api/healthz` on a connection of its own, as a monitor makes it (a reused keep-alive
 * connection can be closed by the server just as a request goes out on it).
 */
function healthStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(`${url}/api/healthz`, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', reject);
  });
}

/** The `q` quantile (0..1) of the samples, nearest rank. */
export function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

export function describeLatencies(l: Latencies): string {
  const f = (v: number) => v.toFixed(0);
  return `acks p50 ${f(quantile(l.acks, 0.5))} p99 ${f(quantile(l.acks, 0.99))} max ${f(Math.max(...l.acks))} ms (n=${l.acks.length}); ` +
    `health p50 ${f(quantile(l.health, 0.5))} p99 ${f(quantile(l.health, 0.99))} max ${f(Math.max(...l.health))} ms (n=${l.health.length}); ` +
    `event loop blocked at most ${f(l.loopDelayMaxMs)} ms`;
}
