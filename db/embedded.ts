import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { makeSocketDir } from './socketDir.js';
import { workerWithYoungGeneration } from './workerHeap.js';

const WORKER = fileURLToPath(new URL('./embeddedWorker.mjs', import.meta.url));

/**
 * The database thread's young generation, in MB. It makes little garbage that lives (protocol
 * buffers, promises), but with the main thread's 8 MB semi-spaces it grew to 16 MB of them,
 * resident under load; capped it holds 2 MB, and the thread's heap 18–22 MB instead of 29–32
 * (200 typists). Its collections then come 6–9 times a second instead of 1–2, under 1 % of
 * its time, and typing's p99 was the same (alternated runs, 2026-12-07).
 */
const WORKER_YOUNG_GENERATION_MB = 3;

export interface EmbeddedServer {
  /** The unix socket it listens on. */
  path: string;
  stop(): Promise<void>;
}

/** Initialises a new data directory in `dir` (nothing if there is one), in a short-lived child process. */
export async function initEmbedded(dir: string): Promise<void> {
  if (!existsSync(path.join(dir, 'PG_VERSION'))) await promisify(execFile)(process.execPath, [WORKER, '--init', dir]);
}

/**
 * Starts the embedded Postgres (PGlite) with its files in `dir`, in a worker thread (see
 * embeddedWorker.mjs for why), listening on a unix socket in a new directory that only this
 * user may enter: PGlite asks no password, and on a loopback port any local account could have
 * connected and read or changed every meeting. A new data directory is initialised first in a
 * short-lived child process.
 */
export async function startEmbedded(dir: string, onFailure: (error: Error) => void): Promise<EmbeddedServer> {
  await initEmbedded(dir);
  // PGlite's WebAssembly compiled by the optimising compiler alone, not first by the baseline
  // one (Liftoff) and then again, function by function, as they get hot: the twice-compiled
  // code and its compilers' leftovers in the allocator were 40–90 MB of the process's memory,
  // varying from run to run (measured: RSS after start 213–296 MB → 209–216; peak under 200
  // typists 326–330 → 275–291). It costs about 1.6 s once, at start; queries run as fast.
  // Only this module is WebAssembly here, and the flag is read when a module is compiled.
  setFlagsFromString('--no-liftoff');
  const socketDir = await makeSocketDir();
  const worker = workerWithYoungGeneration(WORKER, { workerData: { dataDir: dir, socketPath: path.join(socketDir.path, '.s.PGSQL.5432') } }, WORKER_YOUNG_GENERATION_MB);
  let stopping = false;
  let started = false;
  let onStopped = () => {};
  const address = await new Promise<string>((resolve, reject_) => {
    const reject = (error: Error) => void socketDir.remove().finally(() => reject_(error));
    // One listener for the worker's whole life (listeners removed and added again lost messages).
    worker.on('message', (message: { type: string; address?: string }) => {
      if (message.type === 'ready') resolve(message.address!);
      else if (message.type === 'stopped') onStopped();
    });
    // Once started, the database lives as long as the process; should it die, queries fail like
    // those of a lost Postgres server (health 503, clients retry) and the failure is logged.
    worker.on('error', (error) => (started ? onFailure(error) : reject(error)));
    worker.on('exit', (code) => {
      const error = new Error(`the embedded database exited (${code})`);
      if (!started) reject(error);
      else if (!stopping) onFailure(error);
    });
  });
  started = true;
  return {
    path: address,
    async stop() {
      stopping = true;
      const stopped = new Promise<void>((resolve) => (onStopped = resolve));
      worker.postMessage({ type: 'stop' });
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([stopped, new Promise((r) => (timer = setTimeout(r, 10_000)))]);
      clearTimeout(timer);
      await worker.terminate();
      await socketDir.remove();
    },
  };
}
