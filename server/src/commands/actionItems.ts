import type { ActionItemQuery } from '../../../shared/api/actionItems.js';
import type { ActionItemStatus } from '../../../shared/editor/actionItemAttrs.js';
import { appendAudit, type AuditEntry } from '../../../db/queries/auditLog.js';
import { findActionItem, listTrackedItems, setItemStatus, type ItemFilter, type TrackedItemRow } from '../../../db/queries/actionItems.js';
import { rolesOfUser } from '../../../db/queries/memberships.js';
import type { Actor } from '../auth/authenticate.js';
import { requireMeeting, requireMinutesEdit } from '../auth/policies.js';
import type { AppContext } from '../context.js';
import { conflict, notFound } from '../errors.js';
import { setActionItemStatusInDoc } from '../minutes/actionItemNodes.js';
import { changingMeetingState } from './meetingState.js';

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The items the actor may see (their groups; every group for admins), filtered. */
export async function trackedItems(
  ctx: AppContext,
  actor: Actor,
  query: ActionItemQuery,
  more: Pick<ItemFilter, 'ownedBy'> = {},
): Promise<TrackedItemRow[]> {
  const groupIds = actor.user.isAdmin ? null : [...(await rolesOfUser(ctx.db.sql, actor.user.id)).keys()];
  return listTrackedItems(ctx.db.sql, {
    groupIds,
    groupId: query.groupId,
    meetingId: query.meetingId,
    owner: query.owner,
    statuses: query.status,
    overdue: query.overdue,
    dueFrom: query.dueFrom,
    dueTo: query.dueTo,
    ...more,
  });
}

/**
 * A status change from the tracker. While the minutes are open for editing they are the source
 * of truth: the change is a server-side Yjs transaction through the same durable log as any
 * edit, and the table follows by projection. Once approved (locked), the table is the record.
 */
export async function changeItemStatus(ctx: AppContext, actor: Actor, id: string, status: ActionItemStatus, ip: string): Promise<TrackedItemRow> {
  const item = await findActionItem(ctx.db.sql, id);
  if (!item) throw notFound('Action item');
  const seen = await requireMeeting(ctx.db.sql, actor, item.meetingId, 'edit');
  // The meeting's status and the actor's rights are read again, and the status written, while no
  // change of the meeting's state runs: a status set as the minutes were reopened was lost (the
  // reopening wrote the tracker's old one into the minutes, which then projected it over the new
  // one), and a delegate's status change as the minutes were circulated changed circulated text.
  await changingMeetingState(ctx, seen.meeting.id, async () => {
    const { meeting, access } = await requireMeeting(ctx.db.sql, actor, item.meetingId, 'edit');
    const audit = (from: string | undefined): AuditEntry => ({ actorId: actor.user.id, action: 'action_item.status', target: item.id, details: { from, to: status }, ip });
    if (meeting.status === 'approved') {
      await ctx.db.sql.begin(async (tx) => {
        // The status it had when written, not when this request first read it; none if the same.
        const from = await setItemStatus(tx, item.id, status);
        if (from !== null) await appendAudit(tx, audit(from));
      });
      ctx.realtime.actionItemsChanged(meeting.id, meeting.groupId);
      return;
    }
    requireMinutesEdit(access, meeting.status);
    // The entry is committed with the change, by the statement that writes it to the minutes' log.
    const found = await ctx.registry.with(meeting.id, async (live) => {
      let present = false;
      await live.change((doc) => {
        const set = setActionItemStatusInDoc(doc, item.id, status);
        present = set !== null;
        // A status set to the one it had changes nothing, and records nothing.
        return set && set.from !== status ? audit(set.from) : undefined;
      });
      return present;
    });
    if (!found) throw conflict('This action item was just removed from the minutes.', 'action_item_removed');
    await ctx.projection.refresh(meeting.id);
  });
  const [updated] = await listTrackedItems(ctx.db.sql, { groupIds: null, itemId: item.id });
  if (!updated) throw conflict('This action item was just removed from the minutes.', 'action_item_removed');
  return updated;
}
