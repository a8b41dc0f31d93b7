import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DomainError } from '../../errors.js';
import type { RenderJob } from './renderJob.js';
import type { RenderReply } from './renderProcess.js';

/**
 * The renderer in the server's own form: its JavaScript next to the built server (`npm start`),
 * or its TypeScript under tsx's loader, found from here, not from the cwd (tests, `npm run dev`).
 */
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const RENDERER = fileURLToPath(new URL(FROM_SOURCE ? './renderProcess.ts' : './renderProcess.js', import.meta.url));
const LOADER_ARGS = FROM_SOURCE ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];

interface Job {
  job: RenderJob;
  timeoutMs: number;
  resolve: (pdf: Uint8Array) => void;
  reject: (error: Error) => void;
}

interface RunningJob extends Job {
  id: number;
  timer: NodeJS.Timeout;
}

interface Slot {
  child: ChildProcess;
  job?: RunningJob;
  jobs: number;
  pages: number;
}

export interface PoolOptions {
  /** Renderer processes compiling at the same time. */
  size: number;
  /** Jobs allowed to wait for a renderer; more are refused rather than piling up. */
  maxQueued: number;
  /**
   * A renderer is replaced after this many exports or pages. The Typst compiler keeps memory per
   * distinct document that only the process's exit gives back (measured: about 1 MB per export
   * plus 0.3 MB per page, growing without bound, flat when the renderer is replaced).
   */
  jobsPerWorker: number;
  pagesPerWorker: number;
}

/**
 * PDF renderers in child processes (renderProcess.ts): a warm renderer is reused; one past the
 * time limit is killed, which stops its compilation at once, and a fresh one takes the next job;
 * one that crashes (a panic in the native compiler aborts its process) fails only its own job.
 * Idle renderers do not keep the server process alive.
 */
export class PdfWorkerPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  /**
   * Typst's project root: an empty folder, so a template can read no file of the host. Made with
   * the first renderer, not with the pool: a server killed before it ever exported (SIGKILL
   * skips `close()`) then leaves no folder behind in the temporary directory.
   */
  private workspace?: string;
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: PoolOptions) {}

  render(job: RenderJob, timeoutMs: number): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new Error('PDF renderers are shut down'));
    if (this.queue.length >= this.options.maxQueued) {
      return Promise.reject(new DomainError('unavailable', 'Too many PDF exports at once; try again shortly.'));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ job, timeoutMs, resolve, reject });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('PDF renderers are shut down'));
    const exits = [...this.slots].map((slot) => {
      const exited = new Promise<void>((resolve) => (slot.child.exitCode !== null || slot.child.signalCode !== null ? resolve() : slot.child.once('exit', () => resolve())));
      this.retire(slot, new Error('PDF renderers are shut down'));
      return exited;
    });
    await Promise.all(exits);
    if (this.workspace) rmSync(this.workspace, { recursive: true, force: true });
    this.workspace = undefined;
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
    this.workspace ??= mkdtempSync(join(tmpdir(), 'mahdar-typst-'));
    const child = fork(RENDERER, [this.workspace], {
      execArgv: LOADER_ARGS,
      serialization: 'advanced',
      // A compiler panic explains itself on stderr.
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const slot: Slot = { child, jobs: 0, pages: 0 };
    child.on('message', (reply: RenderReply) => this.finish(slot, reply));
    child.on('error', (error) => this.retire(slot, new Error(`PDF renderer failed: ${error.message}`)));
    child.on('exit', (code, signal) => this.retire(slot, new Error(`PDF renderer exited (${signal ?? `code ${code}`})`)));
    this.idle(slot, true);
    this.slots.add(slot);
    return slot;
  }

  /** An idle renderer does not keep the server process running; a busy one does. */
  private idle(slot: Slot, idle: boolean): void {
    if (idle) {
      slot.child.unref();
      slot.child.channel?.unref();
    } else {
      slot.child.ref();
      slot.child.channel?.ref();
    }
  }

  private dispatch(slot: Slot, job: Job): void {
    const id = this.nextId++;
    const timer = setTimeout(
      // The renderer is replaced; as every 503, it says when to come back (README, "429 and 503 carry Retry-After").
      () => this.retire(slot, new DomainError('unavailable', `PDF export took longer than ${job.timeoutMs} ms.`, undefined, Math.ceil(job.timeoutMs / 1000))),
      job.timeoutMs,
    );
    slot.job = { ...job, id, timer };
    this.idle(slot, false);
    slot.child.send({ id, job: job.job }, (error) => {
      if (error) this.retire(slot, new Error(`PDF renderer unreachable: ${error.message}`));
    });
  }

  private finish(slot: Slot, reply: RenderReply): void {
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    clearTimeout(job.timer);
    slot.job = undefined;
    this.idle(slot, true);
    if (reply.ok) job.resolve(reply.file);
    else job.reject(reply.kind ? new DomainError(reply.kind, reply.error) : new Error(`PDF compilation failed: ${reply.error}`));
    slot.jobs += 1;
    slot.pages += reply.ok ? reply.pages : 0;
    if (slot.jobs >= this.options.jobsPerWorker || slot.pages >= this.options.pagesPerWorker) {
      this.retire(slot);
      // Its successor starts now, so that it is ready (about a second) before the next export.
      if (!this.closed && this.slots.size < this.options.size) this.spawn();
    } else {
      this.pump();
    }
  }

  /** Takes a renderer out of the pool (worn out, crashed, overran or shutting down) and fails its job. */
  private retire(slot: Slot, error = new Error('PDF renderer stopped')): void {
    if (!this.slots.delete(slot)) return;
    if (slot.job) {
      clearTimeout(slot.job.timer);
      slot.job.reject(error);
      slot.job = undefined;
    }
    slot.child.removeAllListeners('message');
    slot.child.on('error', () => {});
    // Held until it has exited, so that `close()` can wait for that.
    slot.child.ref();
    slot.child.kill('SIGKILL');
    this.pump();
  }
}
