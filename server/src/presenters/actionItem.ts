import type { ActionItemDto } from '../../../shared/api/actionItems.js';
import type { TrackedItemRow } from '../../../db/queries/actionItems.js';

export function presentActionItem(row: TrackedItemRow, today: string): ActionItemDto {
  const due = row.due ?? '';
  return {
    id: row.id,
    meetingId: row.meetingId,
    groupId: row.groupId,
    text: row.text,
    owner: row.owner,
    due,
    status: row.status,
    updatedAt: row.updatedAt.toISOString(),
    overdue: due !== '' && due < today && (row.status === 'open' || row.status === 'in_progress'),
    meetingTitleAr: row.meetingTitleAr,
    meetingTitleEn: row.meetingTitleEn,
    meetingStartsAt: row.meetingStartsAt.toISOString(),
    groupNameAr: row.groupNameAr,
    groupNameEn: row.groupNameEn,
  };
}
