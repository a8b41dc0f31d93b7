import { logBytes } from '../../../db/queries/minutesUpdates.js';
import type { Actor } from '../auth/authenticate.js';
import { requireMeeting } from '../auth/policies.js';
import type { AppContext } from '../context.js';
import { DomainError } from '../errors.js';
import { pdfFileName } from '../export/pdf/index.js';
import { presentMeetingEvent } from '../presenters/meeting.js';

const MB = 1024 * 1024;

/**
 * The minutes as they stand (committed state, what a reload shows) as a PDF. The export takes
 * its place (per-user limit, renderer queue) before any work; the minutes' size is checked
 * before they are read; the server's thread only hands the stored updates to a renderer process,
 * which reads, lays out and typesets them.
 */
export async function exportMinutesPdf(
  ctx: AppContext,
  actor: Actor,
  meetingId: string,
): Promise<{ pdf: Uint8Array; fileName: string; asciiFileName: string }> {
  const { meeting, group } = await requireMeeting(ctx.db.sql, actor, meetingId, 'read');
  const ticket = ctx.pdf.admit(actor.user.id);
  try {
    const bytes = await logBytes(ctx.db.sql, meeting.id);
    const max = ctx.pdf.limits.maxMinutesBytes;
    if (bytes > max) {
      throw new DomainError('too_large', `These minutes are too large to export as PDF (${(bytes / MB).toFixed(1)} MB; at most ${(max / MB).toFixed(1)} MB).`);
    }
    // The stored log is the committed state: nothing is acknowledged before it is there.
    const updates = await ctx.store.load(meeting.id);
    const input = { meeting: presentMeetingEvent(meeting), group: { nameAr: group.nameAr, nameEn: group.nameEn }, exportedAt: new Date() };
    const pdf = await ticket.render({ ...input, minutes: { updates }, exportedAt: input.exportedAt.getTime() });
    // For clients that ignore `filename*`: the English name, ASCII only.
    const english = pdfFileName({ ...input, meeting: { ...input.meeting, language: 'en' } });
    const asciiFileName = english.replace(/[^\x20-\x7e]+/g, '-').replace(/["\\]/g, '');
    return { pdf, fileName: pdfFileName(input), asciiFileName };
  } finally {
    ticket.release();
  }
}
