// The PDF renderer: a child process of the server (see workerPool.ts). It reads the minutes, builds
// the template data and compiles it with Typst, one job at a time, with one compiler kept warm
// between jobs. A process rather than a thread: a panic of the native compiler aborts only this
// process, and an overrun is stopped with SIGKILL (a thread's native call cannot be interrupted).
import { readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { DomainError, type ErrorKind } from '../../errors.js';
import { FONT_DIR } from './fonts.js';
import { exportData, typstInput, type RenderJob } from './renderJob.js';

/**
 * Below the server's priority: on a busy machine the collaboration server's thread runs first
 * and an export waits. Threads the compiler starts later inherit it.
 */
const NICENESS = 10;

// Typst's memo cache is process-wide. Keeping only what the last compilation used keeps fonts,
// template and unchanged paragraphs warm for the next export of the same minutes; keeping more
// (age 10) held ~100 MB more for 10-page minutes and was no faster.
const CACHE_MAX_AGE = 1;

export type RenderRequest = { id: number; job: RenderJob };
export type RenderReply =
  | { id: number; ok: true; file: Uint8Array; pages: number }
  /** `kind` when the job failed with a DomainError (damaged minutes: 503), which the pool rethrows. */
  | { id: number; ok: false; error: string; kind?: ErrorKind };

try {
  setPriority(NICENESS);
} catch {
  // Not permitted here: the export runs at the server's priority.
}

/** Typst's project root, given by the pool: an empty folder, so a template can read no file of the host. */
const workspace = process.argv[2] ?? '';
const template = readFileSync(fileURLToPath(new URL('./minutes.typ', import.meta.url)), 'utf8');
const compiler = NodeCompiler.create({ workspace, fontArgs: [{ fontPaths: [FONT_DIR] }] });

// The draft mark as outlined glyphs (Typst's SVG output draws text as paths): placed as an image
// it shows on every page but adds nothing to the text a reader copies or a search finds.
const draftMark = compiler.plainSvg({
  mainFileContent: `#set page(width: auto, height: auto, margin: 0pt, fill: none)
#set text(font: ("Noto Sans", "Noto Naskh Arabic"), fallback: false, size: 80pt, weight: "bold", fill: rgb(200, 30, 30, 26))
#set par(leading: 0.25em)
#align(center)[مسودة \\ DRAFT]`,
});
compiler.mapShadow(join(workspace, 'watermark.svg'), Buffer.from(draftMark));

function describe(error: unknown): string {
  const diagnostics = (error as { shortDiagnostics?: { message: string }[] } | undefined)?.shortDiagnostics ?? [];
  if (diagnostics.length > 0) return diagnostics.map((d) => d.message).join('; ');
  return (error as { kind?: string } | undefined)?.kind ?? 'unknown error';
}

function failed(id: number, error: unknown): RenderReply {
  if (error instanceof DomainError) return { id, ok: false, error: error.message, kind: error.kind };
  return { id, ok: false, error: error instanceof Error ? error.message : String(error) };
}

/**
 * A Word document: no typesetting (Word lays it out), so no page count, and no compiler cache to
 * clear. Its writer is loaded on the first Word export, so a renderer starts as fast as before.
 */
async function renderDocx({ id, job }: RenderRequest): Promise<RenderReply> {
  try {
    const { minutesDocx } = await import('../docx/minutesDocx.js');
    return { id, ok: true, file: await minutesDocx(exportData(job)), pages: 0 };
  } catch (error) {
    return failed(id, error);
  }
}

function render({ id, job }: RenderRequest): RenderReply {
  try {
    const { data, timestamp } = typstInput(job);
    const result = compiler.compile({ mainFileContent: template, inputs: { data } });
    const doc = result.result;
    if (!doc || result.hasError()) throw new Error(describe(result.takeError()));
    const pdf = compiler.pdf(doc, timestamp === undefined ? {} : { creationTimestamp: timestamp });
    return { id, ok: true, file: new Uint8Array(pdf), pages: doc.numOfPages };
  } catch (error) {
    return failed(id, error);
  } finally {
    compiler.evictCache(CACHE_MAX_AGE);
  }
}

// The pool sends a renderer one job at a time, so a Word job's await lets nothing else in.
process.on('message', (request: RenderRequest) => {
  if (request.job.format === 'docx') void renderDocx(request).then((reply) => process.send?.(reply));
  else process.send?.(render(request));
});
// The server is gone: nothing to render for.
process.on('disconnect', () => process.exit(0));
