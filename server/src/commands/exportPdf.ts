import { logBytes } from '../../../db/queries/minutesLog.js';
import { findVersion, versionContent } from '../../../db/queries/versions.js';
import type { Actor } from '../auth/authenticate.js';
import { requireMeeting } from '../auth/policies.js';
import type { AppContext } from '../context.js';
import { DomainError, notFound } from '../errors.js';
import { exportFileName, type ExportFormat, type RenderJob } from '../export/pdf/index.js';
import { presentMeetingEvent } from '../presenters/meeting.js';
import { annexAmendments } from './pdfAnnex.js';
import { pdfRecordFacts } from './pdfRecord.js';

const MB = 1024 * 1024;

const FORMAT_NAMES: Record<ExportFormat, string> = { pdf: 'PDF', docx: 'Word' };

function tooLarge(bytes: number, max: number, format: ExportFormat): DomainError {
  const params = { megabytes: Number((bytes / MB).toFixed(1)), maxMegabytes: Number((max / MB).toFixed(1)) };
  const message = `These minutes are too large to export as ${FORMAT_NAMES[format]} (${(bytes / MB).toFixed(1)} MB; at most ${(max / MB).toFixed(1)} MB).`;
  return new DomainError('too_large', message, undefined, undefined, { params });
}

export interface ExportedFile {
  file: Uint8Array;
  format: ExportFormat;
  fileName: string;
  asciiFileName: string;
}

/**
 * The minutes as they stand (committed state, what a reload shows), or one version of them, as a
 * PDF or a Word document (the same data, the same limits: a Word export takes a place as a PDF
 * does). The export takes its place (per-user limit, renderer queue) before any work; the minutes'
 * size is checked before they are read; the server's thread only hands what is stored (the Yjs
 * log, or a version's JSON text) to a renderer process, which reads, hashes, lays out and
 * typesets it.
 */
export async function exportMinutes(
  ctx: AppContext,
  actor: Actor,
  format: ExportFormat,
  meetingId: string,
  versionId?: string,
  options: { annex?: boolean } = {},
): Promise<ExportedFile> {
  const { meeting, group } = await requireMeeting(ctx.db.sql, actor, meetingId, 'read');
  const ticket = ctx.pdf.admit(actor.user.id);
  try {
    const max = ctx.pdf.limits.maxMinutesBytes;
    let minutes: RenderJob['minutes'];
    const version = versionId === undefined ? null : ((await findVersion(ctx.db.sql, meeting.id, versionId)) ?? null);
    if (versionId !== undefined) {
      const stored = version && (await versionContent(ctx.db.sql, version.id));
      if (!stored) throw notFound('Version');
      if (stored.state.byteLength > max) throw tooLarge(stored.state.byteLength, max, format);
      // The version's document as it was hashed, parsed by the renderer.
      minutes = { jsonText: stored.content };
    } else {
      const bytes = await logBytes(ctx.db.sql, meeting.id);
      if (bytes > max) throw tooLarge(bytes, max, format);
      // The stored log is the committed state: nothing is acknowledged before it is there.
      minutes = { updates: await ctx.store.load(meeting.id) };
    }
    // An approved record is printed with the group as it was approved (its names, its digits).
    const { record, group: printedGroup } = await pdfRecordFacts(ctx, meeting, group, version);
    // An approved record never shows amendments (there are none open once approved, but a
    // reopened meeting's new ones must not be printed with its approved version either).
    const approved = version ? version.kind === 'approved' : meeting.status === 'approved';
    const amendments = options.annex && !approved ? await annexAmendments(ctx, meeting, group) : undefined;
    const input = { meeting: presentMeetingEvent(meeting), group: printedGroup, exportedAt: new Date() };
    const file = await ticket.render({ ...input, minutes, record, amendments, exportedAt: input.exportedAt.getTime(), format }).catch((error: unknown) => {
      // An overrun is the document's (or the machine's) doing, not a bug: said once, with the meeting.
      if (error instanceof DomainError) ctx.log.warn('export.failed', { meetingId: meeting.id, format, versionId, reason: error.message });
      throw error;
    });
    // For clients that ignore `filename*`: the English name, ASCII only.
    // Which version this is: the one asked for, or the approved one approved minutes' text is.
    const versionNumber = version?.number ?? record.approval?.versionNumber;
    const english = exportFileName({ ...input, meeting: { ...input.meeting, language: 'en' } }, format, versionNumber);
    const asciiFileName = english.replace(/[^\x20-\x7e]+/g, '-').replace(/["\\]/g, '');
    return { file, format, fileName: exportFileName(input, format, versionNumber), asciiFileName };
  } finally {
    ticket.release();
  }
}
