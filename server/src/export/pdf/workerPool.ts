import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DomainError } from '../../errors.js';
import { FONT_DIR } from './fonts.js';

const WORKER_URL = new URL('./worker.mjs', import.meta.url);
const TEMPLATE_PATH = fileURLToPath(new URL('./minutes.typ', import.meta.url));

interface Job {
  data: string;
  timestamp: number | undefined;
  timeoutMs: number;
  resolve: (pdf: Uint8Array) => void;
  reject: (error: Error) => void;
}

interface RunningJob extends Job {
  id: number;
  timer: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  job?: RunningJob;
  jobs: number;
  pages: number;
}

type WorkerReply = { id: number; ok: true; pdf: Uint8Array; pages: number } | { id: number; ok: false; error: string };

export interface PoolOptions {
  /** Workers compiling at the same time. */
  size: number;
  /** Jobs allowed to wait for a worker; more are refused rather than piling up. */
  maxQueued: number;
  /**
   * A worker is replaced after this many exports or pages. The Typst compiler keeps memory per
   * distinct document that only the thread's exit gives back (measured here: about 1 MB per
   * export plus 0.3 MB per page, growing without bound in one thread, flat when the thread is
   * replaced); a fresh worker costs about 0.2 s once.
   */
  jobsPerWorker: number;
  pagesPerWorker: number;
}

/**
 * Typst compilations in worker threads: a warm worker is reused, a worker past the time limit is
 * dropped (its native call cannot be interrupted, so the thread is terminated and left to end)
 * and a fresh one takes the next job. Idle workers do not keep the process alive.
 */
export class PdfWorkerPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  /** Typst's project root: an empty folder, so a template can read no file of the host. */
  private readonly workspace = mkdtempSync(join(tmpdir(), 'mahdar-typst-'));
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: PoolOptions) {}

  render(data: string, timestamp: number | undefined, timeoutMs: number): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new Error('PDF workers are shut down'));
    if (this.queue.length >= this.options.maxQueued) {
      return Promise.reject(new DomainError('unavailable', 'Too many PDF exports at once; try again shortly.'));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ data, timestamp, timeoutMs, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('PDF workers are shut down'));
    const slots = [...this.slots];
    for (const slot of slots) this.retire(slot, new Error('PDF workers are shut down'));
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
    rmSync(this.workspace, { recursive: true, force: true });
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      const slot = [...this.slots].find((s) => !s.job) ?? (this.slots.size < this.options.size ? this.spawn() : undefined);
      const job = slot && this.queue.shift();
      if (!slot || !job) return;
      this.dispatch(slot, job);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_URL, {
      workerData: { templatePath: TEMPLATE_PATH, fontDir: FONT_DIR, workspace: this.workspace },
    });
    const slot: Slot = { worker, jobs: 0, pages: 0 };
    worker.on('message', (reply: WorkerReply) => this.finish(slot, reply));
    worker.on('error', (error) => this.retire(slot, new Error(`PDF worker failed: ${error.message}`)));
    worker.on('exit', (code) => this.retire(slot, new Error(`PDF worker exited (code ${code})`)));
    worker.unref();
    this.slots.add(slot);
    return slot;
  }

  private dispatch(slot: Slot, job: Job): void {
    const id = this.nextId++;
    const timer = setTimeout(
      () => this.retire(slot, new DomainError('unavailable', `PDF export took longer than ${job.timeoutMs} ms.`)),
      job.timeoutMs,
    );
    slot.job = { ...job, id, timer };
    slot.worker.ref();
    slot.worker.postMessage({ id, data: job.data, timestamp: job.timestamp });
  }

  private finish(slot: Slot, reply: WorkerReply): void {
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    clearTimeout(job.timer);
    slot.job = undefined;
    slot.worker.unref();
    if (reply.ok) job.resolve(reply.pdf);
    else job.reject(new Error(`PDF compilation failed: ${reply.error}`));
    slot.jobs += 1;
    slot.pages += reply.ok ? reply.pages : 0;
    if (slot.jobs >= this.options.jobsPerWorker || slot.pages >= this.options.pagesPerWorker) this.retire(slot);
    else this.pump();
  }

  /** Takes a worker out of the pool (worn out, crashed, overran or shutting down) and fails its job. */
  private retire(slot: Slot, error = new Error('PDF worker stopped')): void {
    if (!this.slots.delete(slot)) return;
    if (slot.job) {
      clearTimeout(slot.job.timer);
      slot.job.reject(error);
      slot.job = undefined;
    }
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => {});
    slot.worker.unref();
    void slot.worker.terminate();
    this.pump();
  }
}
