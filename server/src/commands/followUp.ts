import type { Queryable } from '../../../db/client.js';
import { listOpenItemsOfGroup } from '../../../db/queries/actionItems.js';
import type { CarriedOverItem } from '../minutes/template.js';

/** The group's action items still open from earlier meetings, for the new meeting's follow-up section. */
export async function openItemsForFollowUp(db: Queryable, groupId: string, meetingId: string): Promise<CarriedOverItem[]> {
  const rows = await listOpenItemsOfGroup(db, groupId, meetingId);
  return rows.map((row) => ({
    id: row.id,
    text: row.text,
    owner: row.owner,
    due: row.due ?? '',
    status: row.status,
    meetingTitleAr: row.meetingTitleAr,
    meetingTitleEn: row.meetingTitleEn,
  }));
}
