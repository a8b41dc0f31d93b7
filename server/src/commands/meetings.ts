import type { CreateMeetingBody, UpdateMeetingBody } from '../../../shared/api/meetings.js';
import type { Queryable } from '../../../db/client.js';
import { appendAudit } from '../../../db/queries/auditLog.js';
import { listActionItemsOfMeeting } from '../../../db/queries/actionItems.js';
import { findGroup } from '../../../db/queries/groups.js';
import { findMeeting, insertMeeting, updateMeeting, type MeetingRow } from '../../../db/queries/meetings.js';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { DEFAULT_DIGIT_POLICY } from '../../../shared/domain.js';
import { setActionItemStatusInDoc } from '../minutes/actionItemNodes.js';
import type { AppContext } from '../context.js';
import { conflict, DomainError, notFound } from '../errors.js';
import { initialMinutesUpdate } from '../minutes/initialState.js';
import { minutesTemplate } from '../minutes/template.js';
import { requireNoOpenAmendments } from './amendments.js';
import { openItemsForFollowUp } from './followUp.js';
import { changingMeetingState } from './meetingState.js';
import { switchMinutesLock } from './minutesLock.js';
import { approvedAsNow } from './approvalRecord.js';
import { recordVersion, storeVersion } from './versions.js';
import { snapshotOf } from '../minutes/snapshot.js';

/**
 * Creates the meeting and its minutes from the template in one transaction: the template is
 * the first row of the update log, so however many delegates open the new meeting at once,
 * they all sync the same single copy.
 */
export async function createMeeting(ctx: AppContext, actorId: string, groupId: string, input: CreateMeetingBody, ip: string): Promise<MeetingRow> {
  return ctx.db.sql.begin(async (tx) => {
    const meeting = await insertMeeting(tx, groupId, input);
    const group = await findGroup(tx, groupId);
    const carriedOver = await openItemsForFollowUp(tx, groupId, meeting.id);
    const template = minutesTemplate({ language: meeting.language, digits: group?.digits ?? DEFAULT_DIGIT_POLICY, carriedOver });
    await ctx.store.create(tx, meeting.id, initialMinutesUpdate(template));
    await appendAudit(tx, { actorId, action: 'meeting.create', target: meeting.id, details: { groupId }, ip });
    return meeting;
  });
}

/**
 * Edits the details. Approving locks the minutes at a point of their edit pipeline: everything
 * sent before is committed, nothing after is taken; the action items are then projected from
 * exactly that text (from then on the tracker holds their status), the status is saved, and
 * open editors reconnect read-only. Reopening unlocks the same way and writes the tracker's
 * statuses back into the minutes, which become the source again. In a group with sides only
 * the sides' approvals approve (see approvals.ts). Circulating records a `circulated` version
 * after the editors have reconnected read-only, so it is the text the sides will approve.
 */
export async function changeMeeting(ctx: AppContext, actorId: string, meetingId: string, patch: UpdateMeetingBody, ip: string): Promise<MeetingRow> {
  // A change waits for any change of status, and for approvals, on every server process: the
  // details of minutes being approved must not change under the approval.
  return changingMeetingState(ctx, meetingId, () => applyChange(ctx, actorId, meetingId, patch, ip));
}

async function applyChange(ctx: AppContext, actorId: string, meetingId: string, patch: UpdateMeetingBody, ip: string): Promise<MeetingRow> {
  const before = await findMeeting(ctx.db.sql, meetingId);
  if (!before) throw notFound('Meeting');
  const locking = patch.status === 'approved' && before.status !== 'approved';
  const unlocking = patch.status !== undefined && patch.status !== 'approved' && before.status === 'approved';
  // Approved minutes are the record, attendance and details included (the PDF of the approved
  // version prints them): reopen them first.
  const details = Object.keys(patch).filter((field) => field !== 'status');
  if (before.status === 'approved' && !unlocking && details.length > 0) {
    throw new DomainError('locked', 'The minutes are approved and locked: reopen them to change their details.', undefined, undefined, { code: 'minutes_locked' });
  }
  if (locking && (await findGroup(ctx.db.sql, before.groupId))!.sides.length > 0) {
    throw conflict('Every side must approve the circulated version first; the minutes are then approved by themselves.', 'approve_by_sides');
  }
  if (locking) await requireNoOpenAmendments(ctx.db.sql, meetingId);
  // In the change's own transaction: a change whose entry cannot be written does not happen.
  const audit = (tx: Queryable) =>
    appendAudit(tx, { actorId, action: 'meeting.update', target: meetingId, details: { fields: Object.keys(patch), status: patch.status }, ip });
  const save = () =>
    ctx.db.sql.begin(async (tx) => {
      const row = await updateMeeting(tx, meetingId, patch);
      if (!row) throw notFound('Meeting');
      await audit(tx);
      return row;
    });
  let meeting: MeetingRow;
  if (locking) {
    meeting = await switchMinutesLock(ctx, meetingId, true, async (live) => {
      await ctx.projection.refresh(meetingId);
      const snapshot = await live.read(snapshotOf);
      const row = await ctx.db.sql.begin(async (tx) => {
        // A group without sides: nobody's approval to keep, but the group as it was (the PDF's heading).
        const approvedAs = approvedAsNow((await findGroup(tx, before.groupId))!, []);
        await storeVersion(tx, meetingId, snapshot, { kind: 'approved', label: '', actorId, ip, approvedAs });
        const updated = await updateMeeting(tx, meetingId, patch);
        // Under the meeting's row lock: an amendment proposed meanwhile is seen here.
        await requireNoOpenAmendments(tx, meetingId);
        await audit(tx);
        return updated;
      });
      if (!row) throw notFound('Meeting');
      ctx.realtime.versionsChanged(meetingId);
      return row;
    });
  } else if (unlocking) {
    meeting = await switchMinutesLock(ctx, meetingId, false, async (live) => {
      const items = await listActionItemsOfMeeting(ctx.db.sql, meetingId);
      await live.change((doc) => {
        for (const item of items) setActionItemStatusInDoc(doc, item.id, item.status);
      });
      return save();
    });
  } else {
    meeting = await save();
    if (patch.status !== undefined && patch.status !== before.status) {
      // Delegates write on a draft and only read while circulated: reconnect under the new rights.
      ctx.collab.disconnectMeeting(meetingId, CloseCode.serverRestart, 'The minutes were circulated or taken back.');
    }
  }
  if (patch.status === 'circulated') await recordVersion(ctx, actorId, meetingId, { kind: 'circulated', label: '' }, ip);
  ctx.realtime.meetingUpdated(meeting);
  return meeting;
}
