import type { JSONContent } from '@tiptap/core';
import type { MeetingDto } from '../../../../shared/api/meetings.js';
import { minutesJSONOfUpdates } from '../../minutes/readMinutes.js';
import { minutesSha256 } from '../../minutes/snapshot.js';
import type { AnnexAmendment } from './amendmentAnnex.js';
import { toTypstData, type PdfRecord, type TypstData } from './toTypstData.js';

/** The record a PDF prints, as far as the database knows it (commands/pdfRecord.ts). */
export interface PdfRecordFacts {
  /** The version exported, if one is. */
  version: { number: number; sha256: string } | null;
  /** For the current text: the meeting's versions, newest first; the text is the first with its hash. */
  versions: { number: number; sha256: string }[];
  approval: PdfRecord['approval'];
}

/**
 * One export as the renderer process receives it: plain data (it crosses a process boundary).
 * Everything that costs time in proportion to the minutes (reading the Yjs state through the
 * shared schema, hashing, mapping, word splitting, JSON) happens in that process, off the
 * server's thread.
 */
export interface RenderJob {
  /**
   * The minutes: a meeting's stored Yjs updates, a version's stored JSON text (the record as it
   * was hashed), or ProseMirror JSON (tests, benchmark).
   */
  minutes: { updates: Uint8Array[] } | { jsonText: string } | { json: JSONContent };
  meeting: Omit<MeetingDto, 'access'>;
  group: { nameAr: string; nameEn: string };
  /** Milliseconds since the epoch. */
  exportedAt: number;
  record?: PdfRecordFacts;
  /** Open amendments for the annex, when asked for. */
  amendments?: AnnexAmendment[];
  /** The file made: a PDF (the default) or a Word document, from the same data. */
  format?: ExportFormat;
}

export type ExportFormat = 'pdf' | 'docx';

/** The record of the printed document: its hash, and the version holding exactly it, if any. */
export function resolveRecord(facts: PdfRecordFacts, doc: JSONContent): PdfRecord {
  const sha256 = facts.version?.sha256 ?? minutesSha256(doc);
  const shown = facts.version ?? facts.versions.find((v) => v.sha256 === sha256) ?? null;
  return { sha256, versionNumber: shown?.number ?? facts.approval?.versionNumber ?? null, approval: facts.approval };
}

/** What the export prints (the PDF's template input, and the Word document's content). */
export function exportData(job: RenderJob): TypstData {
  const { minutes } = job;
  const doc = 'updates' in minutes ? minutesJSONOfUpdates(minutes.updates) : 'jsonText' in minutes ? (JSON.parse(minutes.jsonText) as JSONContent) : minutes.json;
  const exportedAt = new Date(job.exportedAt);
  const record = job.record && resolveRecord(job.record, doc);
  return toTypstData({ meeting: job.meeting, group: job.group, doc, exportedAt, record, amendments: job.amendments });
}

/** The template's input (`sys.inputs.data`) and the PDF's creation time, in seconds. */
export function typstInput(job: RenderJob): { data: string; timestamp: number | undefined } {
  const data = JSON.stringify(exportData(job));
  const seconds = Math.floor(job.exportedAt / 1000);
  return { data, timestamp: Number.isFinite(seconds) ? seconds : undefined };
}
