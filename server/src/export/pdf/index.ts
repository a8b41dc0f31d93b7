import { availableParallelism } from 'node:os';
import { toTypstData, type PdfMinutesInput } from './toTypstData.js';
import { PdfWorkerPool } from './workerPool.js';

export type { PdfMinutesInput } from './toTypstData.js';
export { pdfFileName } from './fileName.js';

/** 50 pages of minutes compile in about 0.3–0.6 s here; this only stops a runaway compilation. */
const DEFAULT_TIMEOUT_MS = 20_000;

let pool: PdfWorkerPool | undefined;

/**
 * The minutes as an A4 PDF (Typst, in a worker thread). Rejects with a DomainError 'unavailable'
 * when the compilation overruns `timeoutMs` or too many exports are waiting.
 */
export function renderMinutesPdf(input: PdfMinutesInput, options: { timeoutMs?: number } = {}): Promise<Uint8Array> {
  const data = JSON.stringify(toTypstData(input));
  const seconds = Math.floor(input.exportedAt.getTime() / 1000);
  // One compilation at a time per spare core: exports must not starve the collaboration server.
  pool ??= new PdfWorkerPool({
    size: Math.min(2, Math.max(1, availableParallelism() - 1)),
    maxQueued: 32,
    jobsPerWorker: 50,
    pagesPerWorker: 250,
  });
  return pool.render(data, Number.isFinite(seconds) ? seconds : undefined, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
}

/** Stops the workers (server shutdown, end of tests); a later export starts a fresh one. */
export async function closePdfWorkers(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.close();
}
