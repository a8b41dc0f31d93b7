import { defaultPdfExportLimits, PdfExporter } from './exporter.js';
import type { ExportFormat } from './renderJob.js';
import type { PdfMinutesInput } from './toTypstData.js';

export type { PdfMinutesInput } from './toTypstData.js';
export type { ExportFormat, RenderJob } from './renderJob.js';
export { exportFileName, pdfFileName } from './fileName.js';
export { PdfExporter, defaultPdfExportLimits, type PdfExportLimits } from './exporter.js';

let exporter: PdfExporter | undefined;

/**
 * Minutes given as ProseMirror JSON as an A4 PDF, through a renderer shared by the process
 * (tests, benchmark; the server has its own `PdfExporter` with its limits). Rejects with a
 * DomainError 'unavailable' when the compilation overruns `timeoutMs` or too many are waiting.
 */
export function renderMinutesPdf(input: PdfMinutesInput, options: { timeoutMs?: number } = {}): Promise<Uint8Array> {
  return renderMinutes(input, 'pdf', options);
}

/** The same minutes as a Word document, made by the same renderers. */
export function renderMinutesDocx(input: PdfMinutesInput, options: { timeoutMs?: number } = {}): Promise<Uint8Array> {
  return renderMinutes(input, 'docx', options);
}

function renderMinutes(input: PdfMinutesInput, format: ExportFormat, options: { timeoutMs?: number }): Promise<Uint8Array> {
  exporter ??= new PdfExporter(defaultPdfExportLimits());
  const { meeting, group, doc, exportedAt, record, amendments } = input;
  // A given record's version is printed as it is; without one, the hash is the document's.
  const facts = record && {
    version: record.versionNumber === null ? null : { number: record.versionNumber, sha256: record.sha256 },
    versions: [],
    approval: record.approval,
  };
  return exporter.render({ minutes: { json: doc }, meeting, group, exportedAt: exportedAt.getTime(), record: facts, amendments, format }, options.timeoutMs);
}

/** Stops the shared renderers (end of tests and benchmark); a later export starts fresh ones. */
export async function closePdfWorkers(): Promise<void> {
  const closing = exporter;
  exporter = undefined;
  await closing?.close();
}
