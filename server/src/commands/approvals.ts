import type { ApprovalDto, CirculationDto } from '../../../shared/api/versions.js';
import { deleteApproval, deleteApprovalNotFor, insertApproval, listApprovals, listCountingApprovals } from '../../../db/queries/approvals.js';
import { appendAudit } from '../../../db/queries/auditLog.js';
import type { Queryable } from '../../../db/client.js';
import { findGroup, type GroupRow } from '../../../db/queries/groups.js';
import { findMeeting, listMeetingsOfGroup, updateMeeting, type MeetingRow } from '../../../db/queries/meetings.js';
import { approverSides } from '../../../db/queries/memberships.js';
import { latestVersionOfKind, type VersionRow } from '../../../db/queries/versions.js';
import type { Actor } from '../auth/authenticate.js';
import { requireApprover, requireMeeting } from '../auth/policies.js';
import type { AppContext } from '../context.js';
import { conflict, notFound } from '../errors.js';
import { liveSha256, snapshotOf } from '../minutes/snapshot.js';
import { presentApproval, presentVersion } from '../presenters/version.js';
import { requireNoOpenAmendments } from './amendments.js';
import { approvedAsNow } from './approvalRecord.js';
import { changingMeetingState } from './meetingState.js';
import { switchMinutesLock } from './minutesLock.js';
import { storeVersion } from './versions.js';

const STALE = 'The minutes changed after this version was circulated; the secretariat must circulate them again.';

/** The version the sides are approving: the latest circulated one, while the meeting is circulated. */
async function circulatedVersion(ctx: AppContext, meeting: MeetingRow, versionId: string): Promise<VersionRow> {
  const latest = await latestVersionOfKind(ctx.db.sql, meeting.id, 'circulated');
  if (meeting.status !== 'circulated' || !latest || latest.id !== versionId) {
    throw conflict('Only the latest circulated version of circulated minutes can be approved.', 'approval_not_latest');
  }
  return latest;
}

/**
 * An approver approves the circulated version for their side, if the live text still hashes to
 * it. The approval that completes every side approves the meeting: the minutes are locked at a
 * point of their pipeline, the text is checked again under the lock, and an `approved` version
 * with the same hash, the approval and the status are saved in one transaction.
 */
export async function approve(ctx: AppContext, actor: Actor, meetingId: string, versionId: string, ip: string): Promise<{ approval: ApprovalDto; created: boolean }> {
  const { group } = await requireMeeting(ctx.db.sql, actor, meetingId, 'read');
  await requireApprover(ctx.db.sql, actor, group);
  let created = true;
  const approval = await changingMeetingState(ctx, meetingId, async () => {
    // Read again in turn with membership changes, which take back approvals under this lock.
    const [side] = await requireApprover(ctx.db.sql, actor, group);
    const meeting = (await findMeeting(ctx.db.sql, meetingId))!;
    const version = await circulatedVersion(ctx, meeting, versionId);
    // Approving again (a second click, a retried request) is the approval already given: its
    // time, the audit log and the other clients stay as they were.
    const given = (await listApprovals(ctx.db.sql, version.id)).find((a) => a.userId === actor.user.id);
    if (given?.side === side) {
      created = false;
      return version;
    }
    await requireNoOpenAmendments(ctx.db.sql, meetingId);
    // Only approvals of people who still approve for their side count (approvals.test: a removed
    // head of delegation's approval does not complete the agreement, even before it is taken back).
    const approvedSides = new Set((await listCountingApprovals(ctx.db.sql, version.id, group.id)).map((a) => a.side)).add(side!);
    const record = async (db: Queryable) => {
      await insertApproval(db, { versionId: version.id, meetingId, userId: actor.user.id, side: side! });
      await appendAudit(db, { actorId: actor.user.id, action: 'approval.give', target: meetingId, details: { versionId: version.id, side, sha256: version.sha256 }, ip });
    };
    if (!group.sides.every((s) => approvedSides.has(s.key))) {
      const sha256 = await ctx.registry.with(meetingId, (live) => live.read(liveSha256));
      if (sha256 !== version.sha256) throw conflict(STALE, 'approval_stale');
      await ctx.db.sql.begin(record);
      return version;
    }
    const approved = await switchMinutesLock(ctx, meetingId, true, async (live) => {
      const snapshot = await live.read(snapshotOf);
      if (snapshot.sha256 !== version.sha256) throw conflict(STALE, 'approval_stale');
      await ctx.projection.refresh(meetingId);
      return ctx.db.sql.begin(async (tx) => {
        await record(tx);
        // Only the approvals that approved: the same ones that completed the agreement above.
        const approvedAs = approvedAsNow((await findGroup(tx, group.id))!, await listCountingApprovals(tx, version.id, group.id));
        await storeVersion(tx, meetingId, snapshot, { kind: 'approved', label: String(version.number), actorId: actor.user.id, ip, approvedAs });
        const row = await updateMeeting(tx, meetingId, { status: 'approved' });
        // Under the meeting's row lock: an amendment proposed meanwhile is seen here.
        await requireNoOpenAmendments(tx, meetingId);
        await appendAudit(tx, { actorId: actor.user.id, action: 'meeting.approve', target: meetingId, details: { versionId: version.id, sides: [...approvedSides] }, ip });
        return row!;
      });
    });
    ctx.realtime.meetingUpdated(approved);
    ctx.realtime.versionsChanged(meetingId);
    return version;
  });
  if (created) ctx.realtime.approvalsChanged(meetingId);
  const mine = (await listApprovals(ctx.db.sql, approval.id)).find((a) => a.userId === actor.user.id)!;
  return { approval: presentApproval(mine), created };
}

/** Withdraws one's own approval of the circulated version, before the record is final. */
export async function withdrawApproval(ctx: AppContext, actor: Actor, meetingId: string, ip: string): Promise<void> {
  await requireMeeting(ctx.db.sql, actor, meetingId, 'read');
  await changingMeetingState(ctx, meetingId, async () => {
    const meeting = (await findMeeting(ctx.db.sql, meetingId))!;
    if (meeting.status !== 'circulated') throw conflict('Approvals can only be withdrawn while the minutes are circulated.', 'withdraw_not_circulated');
    const version = await latestVersionOfKind(ctx.db.sql, meetingId, 'circulated');
    if (!version) throw notFound('Approval');
    await ctx.db.sql.begin(async (tx) => {
      const side = await deleteApproval(tx, version.id, actor.user.id);
      if (!side) throw notFound('Approval');
      await appendAudit(tx, { actorId: actor.user.id, action: 'approval.withdraw', target: meetingId, details: { versionId: version.id, side }, ip });
    });
  });
  ctx.realtime.approvalsChanged(meetingId);
}

/**
 * Approvals of the latest circulated version: the ones being given, or (approved minutes) those
 * that approved them. None for a draft: reopened minutes' earlier approvals approve nothing now.
 */
export async function currentApprovals(ctx: AppContext, meeting: MeetingRow): Promise<ApprovalDto[]> {
  if (meeting.status === 'draft') return [];
  const version = await latestVersionOfKind(ctx.db.sql, meeting.id, 'circulated');
  return version ? (await listApprovals(ctx.db.sql, version.id)).map(presentApproval) : [];
}

/** Where the agreement stands, side by side, for the approval panel. */
export async function circulationState(ctx: AppContext, actor: Actor, meeting: MeetingRow, group: GroupRow): Promise<CirculationDto> {
  const version = await latestVersionOfKind(ctx.db.sql, meeting.id, 'circulated');
  const approvals = await currentApprovals(ctx, meeting);
  const stale = version !== undefined && meeting.status === 'circulated' && (await ctx.registry.with(meeting.id, (live) => live.read(liveSha256))) !== version.sha256;
  return {
    version: version ? presentVersion(version) : null,
    stale,
    sides: group.sides.map((s) => ({ ...s, approvals: approvals.filter((a) => a.side === s.key) })),
    mySides: await approverSides(ctx.db.sql, group.id, actor.user.id),
  };
}

/**
 * A member who is no longer the approver of a side (removed from the group, the approver flag or
 * the side taken away) does not approve for it any more: their approval of the version each of
 * the group's circulated meetings is being approved on is taken back (approvals of approved
 * minutes, and of earlier circulations, are the record and stay). Their approver sides are read
 * under each meeting's state lock, so that two membership changes in a row end as the last says.
 */
export async function takeBackApprovals(ctx: AppContext, actorId: string, groupId: string, userId: string, ip: string): Promise<void> {
  for (const meeting of await listMeetingsOfGroup(ctx.db.sql, groupId)) {
    if (meeting.status !== 'circulated') continue;
    const taken = await changingMeetingState(ctx, meeting.id, async () => {
      const now = await findMeeting(ctx.db.sql, meeting.id);
      const version = now?.status === 'circulated' ? await latestVersionOfKind(ctx.db.sql, meeting.id, 'circulated') : undefined;
      if (!version) return undefined;
      const sides = await approverSides(ctx.db.sql, groupId, userId);
      return ctx.db.sql.begin(async (tx) => {
        const side = await deleteApprovalNotFor(tx, version.id, userId, sides);
        if (side) {
          await appendAudit(tx, { actorId, action: 'approval.withdraw', target: meeting.id, details: { userId, versionId: version.id, side, reason: 'membership' }, ip });
        }
        return side;
      });
    });
    if (taken) ctx.realtime.approvalsChanged(meeting.id);
  }
}
