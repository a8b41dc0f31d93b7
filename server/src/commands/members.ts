import type { SetMemberBody } from '../../../shared/api/groups.js';
import { findGroup } from '../../../db/queries/groups.js';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { appendAudit } from '../../../db/queries/auditLog.js';
import { listMeetingsOfGroup } from '../../../db/queries/meetings.js';
import type { Queryable } from '../../../db/client.js';
import { deleteMember, listMembers, lockSecretaries, upsertMember, type MemberRow } from '../../../db/queries/memberships.js';
import { findUser } from '../../../db/queries/users.js';
import type { AppContext } from '../context.js';
import { conflict, invalid, notFound } from '../errors.js';
import { takeBackApprovals } from './approvals.js';

/**
 * A group that has a secretary keeps one: the last one cannot be removed or given another role,
 * not by themselves (they would lock themselves out of managing it) nor by an admin (appoint the
 * next secretary first). Called in the transaction that makes the change.
 */
async function keepASecretary(tx: Queryable, groupId: string, leavingUserId: string): Promise<void> {
  const secretaries = await lockSecretaries(tx, groupId);
  if (secretaries.length === 1 && secretaries[0] === leavingUserId) {
    throw conflict('A working group keeps at least one secretary: appoint another secretary first.', 'last_secretary');
  }
}

async function meetingIdsOf(ctx: AppContext, groupId: string): Promise<Set<string>> {
  return new Set((await listMeetingsOfGroup(ctx.db.sql, groupId)).map((m) => m.id));
}

export async function setMember(
  ctx: AppContext,
  actorId: string,
  groupId: string,
  userId: string,
  input: SetMemberBody,
  ip: string,
): Promise<MemberRow> {
  if (!(await findUser(ctx.db.sql, userId))) throw notFound('User');
  const group = await findGroup(ctx.db.sql, groupId);
  if (input.side && !group?.sides.some((s) => s.key === input.side)) {
    throw invalid('Unknown side.', [{ path: 'side', message: 'not a side of this working group' }]);
  }
  const { role } = input;
  const { previous, next } = await ctx.db.sql.begin(async (tx) => {
    if (role !== 'secretary') await keepASecretary(tx, groupId, userId);
    const { previous: before, next } = await upsertMember(tx, groupId, userId, input);
    // The side it ends up with, given or kept: an approver without one could never approve.
    if (next.approver && next.side === null) {
      throw invalid('An approver approves for a side.', [{ path: 'approver', message: 'needs a side' }]);
    }
    await appendAudit(tx, { actorId, action: 'member.set', target: userId, details: { groupId, ...input, previous: before ?? null }, ip });
    return { previous: before, next };
  });
  if (previous && previous.role !== role) {
    // The open editors of this user must follow the new role (e.g. delegate → observer is
    // read-only at once): a transient close makes them reconnect under the new rights.
    ctx.collab.disconnectUser(userId, await meetingIdsOf(ctx, groupId), CloseCode.serverRestart, 'Your role changed.');
  }
  if (previous?.approver && !(next.approver && next.side === previous.side)) await takeBackApprovals(ctx, actorId, groupId, userId, ip);
  const member = (await listMembers(ctx.db.sql, groupId)).find((m) => m.userId === userId);
  return member!;
}

export async function removeMember(ctx: AppContext, actorId: string, groupId: string, userId: string, ip: string): Promise<void> {
  const removed = await ctx.db.sql.begin(async (tx) => {
    await keepASecretary(tx, groupId, userId);
    const role = await deleteMember(tx, groupId, userId);
    if (role) await appendAudit(tx, { actorId, action: 'member.remove', target: userId, details: { groupId, role }, ip });
    return role;
  });
  if (!removed) throw notFound('Member');
  ctx.collab.disconnectUser(userId, await meetingIdsOf(ctx, groupId), CloseCode.forbidden, 'You were removed from this working group.');
  ctx.realtime.leaveGroup(userId, groupId);
  // After the disconnection (which must not wait for the meetings' locks, nor be skipped if this fails).
  await takeBackApprovals(ctx, actorId, groupId, userId, ip);
}
