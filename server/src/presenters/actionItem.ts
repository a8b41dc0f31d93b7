import type { ActionItemDto } from '../../../shared/api/actionItems.js';
import type { TrackedItemRow } from '../../../db/queries/actionItems.js';

export function presentActionItem(row: TrackedItemRow): ActionItemDto {
  const due = row.due ?? '';
  return {
    id: row.id,
    meetingId: row.meetingId,
    groupId: row.groupId,
    text: row.text,
    owner: row.owner,
    ownerUserId: row.ownerUserId,
    due,
    status: row.status,
    updatedAt: row.updatedAt.toISOString(),
    overdue: row.overdue,
    meetingStatus: row.meetingStatus,
    meetingTitleAr: row.meetingTitleAr,
    meetingTitleEn: row.meetingTitleEn,
    meetingStartsAt: row.meetingStartsAt.toISOString(),
    groupNameAr: row.groupNameAr,
    groupNameEn: row.groupNameEn,
    groupDigits: row.groupDigits,
  };
}
