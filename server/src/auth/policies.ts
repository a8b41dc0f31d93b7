import type { ErrorCode } from '../../../shared/api/errors.js';
import type { MemberRole } from '../../../shared/api/groups.js';
import type { MeetingAccess, MeetingStatus } from '../../../shared/api/meetings.js';
import type { Queryable } from '../../../db/client.js';
import { findGroup, type GroupRow } from '../../../db/queries/groups.js';
import { findMeeting, type MeetingRow } from '../../../db/queries/meetings.js';
import { approverSides, findRole } from '../../../db/queries/memberships.js';
import { AMENDMENT_ERROR_CODES } from '../../../shared/api/amendmentErrors.js';
import { coded, forbidden, notFound } from '../errors.js';
import type { Actor } from './authenticate.js';

const RANK: Record<MeetingAccess, number> = { read: 1, edit: 2, manage: 3 };
const ROLE_ACCESS: Record<MemberRole, MeetingAccess> = { observer: 'read', delegate: 'edit', secretary: 'manage' };

/** Admins manage every group; members get what their role allows; others nothing. */
export function accessOf(isAdmin: boolean, role: MemberRole | undefined): MeetingAccess | null {
  if (isAdmin) return 'manage';
  return role ? ROLE_ACCESS[role] : null;
}

export function allows(access: MeetingAccess | null, need: MeetingAccess): boolean {
  return access !== null && RANK[access] >= RANK[need];
}

const NEED: Record<MeetingAccess, [string, ErrorCode]> = {
  read: ['You are not a member of this working group.', 'not_member'],
  edit: ['Observers can read but not change the minutes.', 'observer_read_only'],
  manage: ['Only the secretary of this working group or an admin can do this.', 'secretary_only'],
};

export async function requireGroup(
  db: Queryable,
  actor: Actor,
  groupId: string,
  need: MeetingAccess,
): Promise<{ group: GroupRow; role: MemberRole | null; access: MeetingAccess }> {
  const group = await findGroup(db, groupId);
  if (!group) throw notFound('Working group');
  const role = (await findRole(db, groupId, actor.user.id)) ?? null;
  const access = accessOf(actor.user.isAdmin, role ?? undefined);
  if (!allows(access, need)) throw forbidden(...NEED[access ? need : 'read']);
  return { group, role, access: access! };
}

export async function requireMeeting(
  db: Queryable,
  actor: Actor,
  meetingId: string,
  need: MeetingAccess,
): Promise<{ meeting: MeetingRow; group: GroupRow; role: MemberRole | null; access: MeetingAccess }> {
  const meeting = await findMeeting(db, meetingId);
  if (!meeting) throw notFound('Meeting');
  const { group, role, access } = await requireGroup(db, actor, meeting.groupId, need);
  return { meeting, group, role, access };
}

export function requireAdmin(actor: Actor): void {
  if (!actor.user.isAdmin) throw forbidden('Only an admin can do this.', 'admin_only');
}

/**
 * Who may change the text of the minutes: delegates and above on a draft; only the secretariat
 * while circulated (so the circulated text stays what the sides approve); nobody once approved.
 */
export function canEditMinutes(access: MeetingAccess | null, status: MeetingStatus): boolean {
  if (status === 'approved') return false;
  return allows(access, status === 'circulated' ? 'manage' : 'edit');
}

/** Refuses a change of the minutes' text that `canEditMinutes` does not allow. */
export function requireMinutesEdit(access: MeetingAccess, status: MeetingStatus): void {
  if (!canEditMinutes(access, status)) {
    throw status === 'circulated'
      ? forbidden('While the minutes are circulated only the secretariat can change them.', 'circulated_secretariat_only')
      : forbidden(...NEED.edit);
  }
}

/** The sides of the group the actor approves for; approving needs at least one. */
export async function requireApprover(db: Queryable, actor: Actor, group: GroupRow): Promise<string[]> {
  const keys = new Set(group.sides.map((s) => s.key));
  const sides = (await approverSides(db, group.id, actor.user.id)).filter((side) => keys.has(side));
  if (sides.length === 0) throw forbidden('Only the approver of a side (its head of delegation) can approve the minutes.', 'approver_only');
  return sides;
}

/**
 * Who may propose amendments: delegates and the secretariat (observers comment instead), on a
 * draft or circulated minutes; approved minutes are the record.
 */
export function requireAmendmentProposer(access: MeetingAccess, status: MeetingStatus): void {
  if (!allows(access, 'edit')) throw forbidden('Observers can comment but not propose amendments.');
  if (status === 'approved') throw notAmendable(status);
}

/** Accepting and rejecting amendments is the secretariat's (and only on minutes not approved). */
export function requireAmendmentDecider(access: MeetingAccess, status: MeetingStatus): void {
  if (!allows(access, 'manage')) throw forbidden('Only the secretariat can accept or reject amendments.');
  if (status === 'approved') throw notAmendable(status);
}

const notAmendable = (status: MeetingStatus) =>
  coded('conflict', AMENDMENT_ERROR_CODES.minutesNotAmendable, 'The minutes are approved: amendments can no longer be proposed or decided.', { status });

/** A comment thread is resolved, reopened or deleted by its author or the secretariat. */
export function requireCommentModerator(access: MeetingAccess, actorId: string, authorId: string): void {
  if (actorId !== authorId && !allows(access, 'manage')) throw forbidden('Only its author or the secretariat can do this.');
}
