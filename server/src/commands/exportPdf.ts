import { pdfFileName, renderMinutesPdf } from '../export/pdf/index.js';
import type { Actor } from '../auth/authenticate.js';
import { requireMeeting } from '../auth/policies.js';
import type { AppContext } from '../context.js';
import { minutesJSON } from '../minutes/readMinutes.js';
import { presentMeetingEvent } from '../presenters/meeting.js';
import { pdfRecord } from './pdfRecord.js';
import { requireVersion } from './versions.js';

/** The minutes as they stand (committed state, what a reload shows), or one version of them, as a PDF. */
export async function exportMinutesPdf(
  ctx: AppContext,
  actor: Actor,
  meetingId: string,
  versionId?: string,
): Promise<{ pdf: Uint8Array; fileName: string; asciiFileName: string }> {
  const { meeting, group } = await requireMeeting(ctx.db.sql, actor, meetingId, 'read');
  const version = versionId ? await requireVersion(ctx, meeting.id, versionId) : null;
  const doc = version ? version.json : await ctx.registry.with(meeting.id, (live) => live.read(minutesJSON));
  const record = await pdfRecord(ctx, meeting, group, version?.version ?? null, doc);
  const input = { meeting: presentMeetingEvent(meeting), group: { nameAr: group.nameAr, nameEn: group.nameEn }, doc, exportedAt: new Date(), record };
  // For clients that ignore `filename*`: the English name, ASCII only.
  const english = pdfFileName({ ...input, meeting: { ...input.meeting, language: 'en' } });
  const asciiFileName = english.replace(/[^\x20-\x7e]+/g, '-').replace(/["\\]/g, '');
  return { pdf: await renderMinutesPdf(input), fileName: pdfFileName(input), asciiFileName };
}

