import { availableParallelism } from 'node:os';
import { tryAgainLater } from '../../errors.js';
import type { RenderJob } from './renderJob.js';
import { PdfWorkerPool } from './workerPool.js';

/** The limits of PDF export; each has an environment variable (config/env.ts, README). */
export interface PdfExportLimits {
  /** Renderer processes compiling at the same time (`PDF_WORKERS`). */
  workers: number;
  /** Exports allowed to wait for a renderer (`PDF_QUEUE`). */
  queue: number;
  /** Exports one user may have running or waiting (`PDF_EXPORTS_PER_USER`). */
  perUser: number;
  /** Largest minutes exported: bytes of the stored Yjs log (`PDF_MAX_MINUTES_BYTES`). */
  maxMinutesBytes: number;
  /** A compilation running longer is stopped and answered 503 (`PDF_TIMEOUT_MS`). */
  timeoutMs: number;
}

export function defaultPdfExportLimits(): PdfExportLimits {
  return {
    // One renderer per spare core, at most two: exports must not starve the collaboration server.
    workers: Math.min(2, Math.max(1, availableParallelism() - 1)),
    queue: 16,
    perUser: 2,
    // About 700 pages of minutes (150 pages are 0.8 MiB).
    maxMinutesBytes: 4 * 1024 * 1024,
    timeoutMs: 30_000,
  };
}

/** A place taken for one export; release it when the export is answered, whatever happened. */
export interface PdfExportTicket {
  render(job: RenderJob): Promise<Uint8Array>;
  release(): void;
}

/**
 * The server's PDF exports: admission (per user, and room in the renderers' queue) before any
 * work is done for an export, then rendering in child processes (workerPool.ts).
 */
export class PdfExporter {
  readonly limits: PdfExportLimits;
  private readonly pool: PdfWorkerPool;
  private readonly perUser = new Map<string, number>();
  private admitted = 0;
  /** Running average of an export's time from request to PDF, for `Retry-After`. */
  private averageMs = 2000;

  constructor(limits: Partial<PdfExportLimits> = {}) {
    this.limits = { ...defaultPdfExportLimits(), ...limits };
    this.pool = new PdfWorkerPool({
      size: this.limits.workers,
      maxQueued: this.limits.queue,
      jobsPerWorker: 50,
      pagesPerWorker: 600,
    });
  }

  /**
   * Takes a place for one export of `userId`. Refused (429) while the user has `perUser` exports
   * running or waiting, and (503) while every renderer is busy and the queue is full; both say
   * when to try again.
   */
  admit(userId: string): PdfExportTicket {
    const mine = this.perUser.get(userId) ?? 0;
    const seconds = this.averageMs / 1000;
    if (mine >= this.limits.perUser) {
      throw tryAgainLater('rate_limited', `You already have ${mine} PDF exports in progress.`, seconds, { params: { running: mine } });
    }
    if (this.admitted >= this.limits.workers + this.limits.queue) {
      throw tryAgainLater('unavailable', 'The server is busy with other PDF exports.', seconds);
    }
    this.admitted += 1;
    this.perUser.set(userId, mine + 1);
    let released = false;
    return {
      render: (job) => this.render(job),
      release: () => {
        if (released) return;
        released = true;
        this.admitted -= 1;
        const left = (this.perUser.get(userId) ?? 1) - 1;
        if (left > 0) this.perUser.set(userId, left);
        else this.perUser.delete(userId);
      },
    };
  }

  /** Renders one export (admitted, or for tests and the benchmark without admission). */
  async render(job: RenderJob, timeoutMs = this.limits.timeoutMs): Promise<Uint8Array> {
    const started = performance.now();
    const pdf = await this.pool.render(job, timeoutMs);
    this.averageMs = 0.8 * this.averageMs + 0.2 * (performance.now() - started);
    return pdf;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
