import type { CreateMeetingBody, UpdateMeetingBody } from '../../../shared/api/meetings.js';
import { appendAudit } from '../../../db/queries/auditLog.js';
import { insertMeeting, updateMeeting, type MeetingRow } from '../../../db/queries/meetings.js';
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

export async function changeMeeting(ctx: AppContext, actorId: string, meetingId: string, patch: UpdateMeetingBody, ip: string): Promise<MeetingRow> {
  const meeting = await updateMeeting(ctx.db.sql, meetingId, patch);
  if (!meeting) throw notFound('Meeting');
  await appendAudit(ctx.db.sql, { actorId, action: 'meeting.update', target: meetingId, details: { fields: Object.keys(patch) }, ip });
  ctx.realtime.meetingUpdated(meeting);
  return meeting;
}
