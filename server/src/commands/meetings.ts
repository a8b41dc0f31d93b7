import type { CreateMeetingBody, UpdateMeetingBody } from '../../../shared/api/meetings.js';
import { appendAudit } from '../../../db/queries/auditLog.js';
import { listActionItemsOfMeeting } from '../../../db/queries/actionItems.js';
import { findMeeting, insertMeeting, updateMeeting, type MeetingRow } from '../../../db/queries/meetings.js';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { setActionItemStatusInDoc } from '../minutes/actionItemNodes.js';
import { appendUpdate } from '../../../db/queries/minutesUpdates.js';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';
import { initialMinutesUpdate } from '../minutes/initialState.js';
import { minutesTemplate } from '../minutes/template.js';
import { openItemsForFollowUp } from './followUp.js';

/**
 * Creates the meeting and its minutes from the template in one transaction: the template is
 * the first row of the update log, so however many delegates open the new meeting at once,
 * they all sync the same single copy.
 */
export async function createMeeting(ctx: AppContext, actorId: string, groupId: string, input: CreateMeetingBody, ip: string): Promise<MeetingRow> {
  return ctx.db.sql.begin(async (tx) => {
    const meeting = await insertMeeting(tx, groupId, input);
    const carried = await openItemsForFollowUp(tx, groupId, meeting.id, meeting.language);
    await appendUpdate(tx, meeting.id, initialMinutesUpdate(minutesTemplate(meeting.language, carried)));
    await appendAudit(tx, { actorId, action: 'meeting.create', target: meeting.id, details: { groupId }, ip });
    return meeting;
  });
}

/**
 * Edits the details. Approving locks the minutes: the action items are projected one last time
 * (from then on the tracker holds their status) and open editors reconnect read-only.
 * Reopening writes the tracker's statuses back into the minutes, which become the source again.
 */
export async function changeMeeting(ctx: AppContext, actorId: string, meetingId: string, patch: UpdateMeetingBody, ip: string): Promise<MeetingRow> {
  const before = await findMeeting(ctx.db.sql, meetingId);
  if (!before) throw notFound('Meeting');
  const locking = patch.status === 'approved' && before.status !== 'approved';
  const unlocking = patch.status !== undefined && patch.status !== 'approved' && before.status === 'approved';
  if (locking) await ctx.projection.refresh(meetingId);
  const meeting = await updateMeeting(ctx.db.sql, meetingId, patch);
  if (!meeting) throw notFound('Meeting');
  if (unlocking) {
    const items = await listActionItemsOfMeeting(ctx.db.sql, meetingId);
    await ctx.registry.with(meetingId, (live) =>
      live.change((doc) => {
        for (const item of items) setActionItemStatusInDoc(doc, item.id, item.status);
      }),
    );
  }
  if (locking || unlocking) {
    ctx.collab.disconnectMeeting(meetingId, CloseCode.serverRestart, locking ? 'The minutes were approved and locked.' : 'The minutes were reopened.');
  }
  await appendAudit(ctx.db.sql, { actorId, action: 'meeting.update', target: meetingId, details: { fields: Object.keys(patch) }, ip });
  ctx.realtime.meetingUpdated(meeting);
  return meeting;
}
