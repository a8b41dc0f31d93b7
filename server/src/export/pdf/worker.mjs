// Compiles minutes.typ with the data it is sent. Plain JavaScript on purpose: a Worker is given
// this file as is, and not every runner (tsx, vitest) transforms TypeScript inside workers.
// One compiler per worker, kept warm between jobs; the pool replaces a worker that overruns or
// has compiled its share (see PoolOptions in workerPool.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';

/** @type {{ templatePath: string; fontDir: string; workspace: string }} */
const { templatePath, fontDir, workspace } = workerData;

// Typst's memo cache is process-wide. Keeping only what the last compilation used keeps fonts,
// template and unchanged paragraphs warm for the next export of the same minutes; keeping more
// (age 10) held ~100 MB more for 10-page minutes and was no faster.
const CACHE_MAX_AGE = 1;

const template = readFileSync(templatePath, 'utf8');
const compiler = NodeCompiler.create({ workspace, fontArgs: [{ fontPaths: [fontDir] }] });

// The draft mark as outlined glyphs (Typst's SVG output draws text as paths): placed as an image
// it shows on every page but adds nothing to the text a reader copies or a search finds.
const draftMark = compiler.plainSvg({
  mainFileContent: `#set page(width: auto, height: auto, margin: 0pt, fill: none)
#set text(font: ("Noto Sans", "Noto Naskh Arabic"), fallback: false, size: 80pt, weight: "bold", fill: rgb(200, 30, 30, 26))
#set par(leading: 0.25em)
#align(center)[مسودة \\ DRAFT]`,
});
compiler.mapShadow(join(workspace, 'watermark.svg'), Buffer.from(draftMark));

function describe(error) {
  const diagnostics = error?.shortDiagnostics ?? [];
  return diagnostics.length > 0 ? diagnostics.map((d) => d.message).join('; ') : (error?.kind ?? 'unknown error');
}

parentPort.on('message', ({ id, data, timestamp }) => {
  try {
    const result = compiler.compile({ mainFileContent: template, inputs: { data } });
    const doc = result.result;
    if (!doc || result.hasError()) throw new Error(describe(result.takeError()));
    const pdf = compiler.pdf(doc, timestamp === undefined ? {} : { creationTimestamp: timestamp });
    // A copy: the native buffer's memory cannot be transferred to another thread.
    const bytes = new Uint8Array(pdf);
    parentPort.postMessage({ id, ok: true, pdf: bytes, pages: doc.numOfPages }, [bytes.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  } finally {
    compiler.evictCache(CACHE_MAX_AGE);
  }
});
