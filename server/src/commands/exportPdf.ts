import { logBytes } from '../../../db/queries/minutesUpdates.js';
import { findVersion, versionContent } from '../../../db/queries/versions.js';
import type { Actor } from '../auth/authenticate.js';
import { requireMeeting } from '../auth/policies.js';
import type { AppContext } from '../context.js';
import { DomainError, notFound } from '../errors.js';
import { pdfFileName, type RenderJob } from '../export/pdf/index.js';
import { presentMeetingEvent } from '../presenters/meeting.js';
import { annexAmendments } from './pdfAnnex.js';
import { pdfRecordFacts } from './pdfRecord.js';

const MB = 1024 * 1024;

function tooLarge(bytes: number, max: number): DomainError {
  const megabytes = Number((bytes / MB).toFixed(1));
  const maxMegabytes = Number((max / MB).toFixed(1));
  const message = `These minutes are too large to export as PDF (${(bytes / MB).toFixed(1)} MB; at most ${(max / MB).toFixed(1)} MB).`;
  return new DomainError('too_large', message, undefined, undefined, { params: { megabytes, maxMegabytes } });
}

/**
 * The minutes as they stand (committed state, what a reload shows), or one version of them, as a
 * PDF. The export takes its place (per-user limit, renderer queue) before any work; the minutes'
 * size is checked before they are read; the server's thread only hands what is stored (the Yjs
 * log, or a version's JSON text) to a renderer process, which reads, hashes, lays out and
 * typesets it.
 */
export async function exportMinutesPdf(
  ctx: AppContext,
  actor: Actor,
  meetingId: string,
  versionId?: string,
  options: { annex?: boolean } = {},
): Promise<{ pdf: Uint8Array; fileName: string; asciiFileName: string }> {
  const { meeting, group } = await requireMeeting(ctx.db.sql, actor, meetingId, 'read');
  const ticket = ctx.pdf.admit(actor.user.id);
  try {
    const max = ctx.pdf.limits.maxMinutesBytes;
    let minutes: RenderJob['minutes'];
    const version = versionId === undefined ? null : ((await findVersion(ctx.db.sql, meeting.id, versionId)) ?? null);
    if (versionId !== undefined) {
      const stored = version && (await versionContent(ctx.db.sql, version.id));
      if (!stored) throw notFound('Version');
      if (stored.state.byteLength > max) throw tooLarge(stored.state.byteLength, max);
      // The version's document as it was hashed, parsed by the renderer.
      minutes = { jsonText: stored.content };
    } else {
      const bytes = await logBytes(ctx.db.sql, meeting.id);
      if (bytes > max) throw tooLarge(bytes, max);
      // The stored log is the committed state: nothing is acknowledged before it is there.
      minutes = { updates: await ctx.store.load(meeting.id) };
    }
    const record = await pdfRecordFacts(ctx, meeting, group, version);
    // An approved record never shows amendments (there are none open once approved, but a
    // reopened meeting's new ones must not be printed with its approved version either).
    const approved = version ? version.kind === 'approved' : meeting.status === 'approved';
    const amendments = options.annex && !approved ? await annexAmendments(ctx, meeting, group) : undefined;
    const input = { meeting: presentMeetingEvent(meeting), group: { nameAr: group.nameAr, nameEn: group.nameEn }, exportedAt: new Date() };
    const pdf = await ticket.render({ ...input, minutes, record, amendments, exportedAt: input.exportedAt.getTime() });
    // For clients that ignore `filename*`: the English name, ASCII only.
    const english = pdfFileName({ ...input, meeting: { ...input.meeting, language: 'en' } });
    const asciiFileName = english.replace(/[^\x20-\x7e]+/g, '-').replace(/["\\]/g, '');
    return { pdf, fileName: pdfFileName(input), asciiFileName };
  } finally {
    ticket.release();
  }
}
