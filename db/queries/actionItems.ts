import type { ActionItemStatus } from '../../shared/editor/nodes/actionItem.js';
import { isUuid } from '../../shared/ids.js';
import type { Queryable } from '../client.js';

export interface ActionItemRow {
  id: string;
  meetingId: string;
  groupId: string;
  position: number;
  text: string;
  owner: string;
  /** `YYYY-MM-DD` or null. */
  due: string | null;
  status: ActionItemStatus;
  updatedAt: Date;
}

const columns = (db: Queryable) => db`id, meeting_id, group_id, position, text, owner, to_char(due, 'YYYY-MM-DD') as due, status, updated_at`;

export async function findActionItem(db: Queryable, id: string): Promise<ActionItemRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db<ActionItemRow[]>`select ${columns(db)} from action_items where id = ${id}`;
  return row;
}

export async function listActionItemsOfMeeting(db: Queryable, meetingId: string): Promise<ActionItemRow[]> {
  return db<ActionItemRow[]>`select ${columns(db)} from action_items where meeting_id = ${meetingId} order by position`;
}

/** Items still open (open or in progress) in the group's meetings other than `exceptMeetingId`. */
export async function listOpenItemsOfGroup(
  db: Queryable,
  groupId: string,
  exceptMeetingId: string,
): Promise<(ActionItemRow & { meetingTitleAr: string; meetingTitleEn: string })[]> {
  return db`
    select a.id, a.meeting_id, a.group_id, a.position, a.text, a.owner, to_char(a.due, 'YYYY-MM-DD') as due,
           a.status, a.updated_at, m.title_ar as meeting_title_ar, m.title_en as meeting_title_en
    from action_items a join meetings m on m.id = a.meeting_id
    where a.group_id = ${groupId} and a.meeting_id <> ${exceptMeetingId} and a.status in ('open', 'in_progress')
    order by m.starts_at, a.position`;
}
