import type { CreateMeetingBody, UpdateMeetingBody } from '../../../shared/api/meetings.js';
import { appendAudit } from '../../../db/queries/auditLog.js';
import { listActionItemsOfMeeting } from '../../../db/queries/actionItems.js';
import { findMeeting, insertMeeting, updateMeeting, type MeetingRow } from '../../../db/queries/meetings.js';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { setActionItemStatusInDoc } from '../minutes/actionItemNodes.js';
import type { LiveDocument } from '../collab/liveDocument.js';
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
    await ctx.store.create(tx, meeting.id, initialMinutesUpdate(minutesTemplate(meeting.language, carried)));
    await appendAudit(tx, { actorId, action: 'meeting.create', target: meeting.id, details: { groupId }, ip });
    return meeting;
  });
}

/**
 * Edits the details. Approving locks the minutes at a point of their edit pipeline: everything
 * sent before is committed, nothing after is taken; the action items are then projected from
 * exactly that text (from then on the tracker holds their status), the status is saved, and
 * open editors reconnect read-only. Reopening unlocks the same way and writes the tracker's
 * statuses back into the minutes, which become the source again. A failure part-way undoes the
 * lock change, so the pipeline never disagrees with the stored status.
 */
export async function changeMeeting(ctx: AppContext, actorId: string, meetingId: string, patch: UpdateMeetingBody, ip: string): Promise<MeetingRow> {
  const before = await findMeeting(ctx.db.sql, meetingId);
  if (!before) throw notFound('Meeting');
  const locking = patch.status === 'approved' && before.status !== 'approved';
  const unlocking = patch.status !== undefined && patch.status !== 'approved' && before.status === 'approved';
  const save = async () => {
    const row = await updateMeeting(ctx.db.sql, meetingId, patch);
    if (!row) throw notFound('Meeting');
    return row;
  };
  let meeting: MeetingRow;
  if (locking || unlocking) {
    meeting = await ctx.registry.with(meetingId, (live) =>
      switchLock(live, locking, async () => {
        if (locking) await ctx.projection.refresh(meetingId);
        else {
          const items = await listActionItemsOfMeeting(ctx.db.sql, meetingId);
          await live.change((doc) => {
            for (const item of items) setActionItemStatusInDoc(doc, item.id, item.status);
          });
        }
        return save();
      }),
    );
    ctx.collab.disconnectMeeting(meetingId, CloseCode.serverRestart, locking ? 'The minutes were approved and locked.' : 'The minutes were reopened.');
  } else {
    meeting = await save();
  }
  await appendAudit(ctx.db.sql, { actorId, action: 'meeting.update', target: meetingId, details: { fields: Object.keys(patch) }, ip });
  ctx.realtime.meetingUpdated(meeting);
  return meeting;
}

/** Sets the pipeline's lock, runs `then`, and puts the lock back if `then` fails. */
async function switchLock<T>(live: LiveDocument, locked: boolean, then: () => Promise<T>): Promise<T> {
  await live.setLocked(locked);
  try {
    return await then();
  } catch (error) {
    await live.setLocked(!locked).catch(() => {});
    throw error;
  }
}
