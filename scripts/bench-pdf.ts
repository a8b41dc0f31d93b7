/**
 * PDF export benchmark: `npm run bench:pdf [runs]` (default 20).
 *
 * Exports Arabic minutes of ~10 and ~50 pages and prints median and p95 per export: cold (first
 * export of a fresh renderer process, which starts in about a second) and warm (a reused
 * renderer, with one paragraph changed each run, as when minutes are edited between exports).
 * Also the time to build the template data (done in the renderer, measured here) and this
 * process's peak RSS (the renderers are processes of their own). For exports under load, see
 * `npm run bench:export-load`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { longArabicMinutes, minutesInput } from '../server/src/export/pdf/fixtures/sampleMinutes.js';
import { closePdfWorkers, renderMinutesPdf, type PdfMinutesInput } from '../server/src/export/pdf/index.js';
import { toTypstData } from '../server/src/export/pdf/toTypstData.js';

const runs = Math.max(1, Number(process.argv[2] ?? 20) || 20);
const coldRuns = Math.min(runs, 5);
const SIZES = [
  { name: '~10 pages', sections: 9 },
  { name: '~50 pages', sections: 44 },
];

const tmp = mkdtempSync(join(tmpdir(), 'mahdar-bench-'));

function pageCount(pdf: Uint8Array): string {
  const file = join(tmp, 'bench.pdf');
  writeFileSync(file, pdf);
  try {
    return /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))?.[1] ?? '?';
  } catch {
    return '? (pdfinfo missing)';
  }
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return `median ${quantile(sorted, 0.5).toFixed(0)} ms, p95 ${quantile(sorted, 0.95).toFixed(0)} ms (n=${samples.length})`;
}

/** The input with its first paragraph changed, so no two warm exports are the same document. */
function edited(input: PdfMinutesInput, run: number): PdfMinutesInput {
  const [first, ...rest] = input.doc.content ?? [];
  const changed = first ? { ...first, content: [...(first.content ?? []), { type: 'text', text: ` (${run})` }] } : first;
  return { ...input, doc: { ...input.doc, content: changed ? [changed, ...rest] : rest }, exportedAt: new Date(Date.UTC(2026, 10, 26, 9, run)) };
}

async function timed(input: PdfMinutesInput): Promise<{ ms: number; pdf: Uint8Array }> {
  const start = performance.now();
  const pdf = await renderMinutesPdf(input, { timeoutMs: 60_000 });
  return { ms: performance.now() - start, pdf };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

console.log(`PDF export benchmark, ${runs} warm runs per size, Node ${process.version}`);
let firstInProcess: number | undefined;
for (const size of SIZES) {
  const input = minutesInput(longArabicMinutes(size.sections));

  const mapStart = performance.now();
  for (let i = 0; i < 10; i++) JSON.stringify(toTypstData(input));
  const mapMs = (performance.now() - mapStart) / 10;

  const cold: number[] = [];
  let pages = '?';
  for (let i = 0; i < coldRuns; i++) {
    await closePdfWorkers();
    const { ms, pdf } = await timed(edited(input, 1000 + i));
    firstInProcess ??= ms;
    cold.push(ms);
    pages = pageCount(pdf);
  }

  await timed(edited(input, 2000));
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) warm.push((await timed(edited(input, i))).ms);

  console.log(`\n${size.name} (${pages} pages, ${size.sections} sections)`);
  console.log(`  cold: ${stats(cold)}`);
  console.log(`  warm: ${stats(warm)}`);
  console.log(`  building the template data (in the renderer): ${mapMs.toFixed(1)} ms`);
  console.log(`  RSS now ${mb(process.memoryUsage().rss)}`);
}
await closePdfWorkers();
rmSync(tmp, { recursive: true, force: true });

console.log(`\nfirst export of the process (fresh renderer, empty caches): ${firstInProcess?.toFixed(0)} ms`);
console.log(`peak RSS of this process (without the renderers): ${mb(process.resourceUsage().maxRSS * 1024)}`);
console.log(`main-thread heap after: ${mb(process.memoryUsage().heapUsed)}`);
