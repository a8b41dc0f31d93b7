import { HOME_LIMITS, type HomeDto } from '../../../shared/api/home.js';
import { listMeetingsAround, type HomeMeetingRow } from '../../../db/queries/meetings.js';
import type { Actor } from '../auth/authenticate.js';
import { accessOf } from '../auth/policies.js';
import type { AppContext } from '../context.js';
import { presentActionItem } from '../presenters/actionItem.js';
import { presentMeeting } from '../presenters/meeting.js';
import { trackedItems } from './actionItems.js';
import { visibleGroups } from './groups.js';

function present(actor: Actor, row: HomeMeetingRow) {
  return { ...presentMeeting(row, accessOf(actor.user.isAdmin, row.role ?? undefined)!), groupNameAr: row.groupNameAr, groupNameEn: row.groupNameEn, groupDigits: row.groupDigits };
}

/**
 * The home page: meetings of the actor's groups around now, the open items they or their side
 * own, and their groups. Only what the actor may read (admins: every group, like the tracker).
 */
export async function homeOf(ctx: AppContext, actor: Actor): Promise<HomeDto> {
  const userId = actor.user.isAdmin ? null : actor.user.id;
  const [upcoming, recent, items, groups] = await Promise.all([
    listMeetingsAround(ctx.db.sql, userId, 'upcoming', HOME_LIMITS.meetings),
    listMeetingsAround(ctx.db.sql, userId, 'recent', HOME_LIMITS.meetings),
    trackedItems(ctx, actor, { status: ['open', 'in_progress'] }, { ownedBy: actor.user.id }),
    visibleGroups(ctx, actor),
  ]);
  return {
    upcomingMeetings: upcoming.map((row) => present(actor, row)),
    recentMeetings: recent.map((row) => present(actor, row)),
    actionItems: items.slice(0, HOME_LIMITS.actionItems).map(presentActionItem),
    groups,
  };
}
