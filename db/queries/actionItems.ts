import type { TransactionSql } from 'postgres';
import type { MeetingStatus } from '../../shared/api/meetings.js';
import type { DigitPolicy } from '../../shared/domain.js';
import type { ActionItemStatus } from '../../shared/editor/actionItemAttrs.js';
import type { ExtractedActionItem } from '../../shared/editor/actionItems.js';
import { isUuid } from '../../shared/ids.js';
import type { Queryable } from '../client.js';

export interface ActionItemRow {
  id: string;
  meetingId: string;
  groupId: string;
  position: number;
  text: string;
  owner: string;
  /** The owner's account, when the owner is a member of the group. */
  ownerUserId: string | null;
  /** `YYYY-MM-DD` or null. */
  due: string | null;
  status: ActionItemStatus;
  updatedAt: Date;
}

const columns = (db: Queryable) => db`id, meeting_id, group_id, position, text, owner, owner_user_id, to_char(due, 'YYYY-MM-DD') as due, status, updated_at`;

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
    select a.id, a.meeting_id, a.group_id, a.position, a.text, a.owner, a.owner_user_id, to_char(a.due, 'YYYY-MM-DD') as due,
           a.status, a.updated_at, m.title_ar as meeting_title_ar, m.title_en as meeting_title_en
    from action_items a join meetings m on m.id = a.meeting_id
    where a.group_id = ${groupId} and a.meeting_id <> ${exceptMeetingId} and a.status in ('open', 'in_progress')
    order by m.starts_at, a.position`;
}

/** An action item as read from the minutes (`shared/editor/actionItems.ts`). */
export type ProjectedItem = ExtractedActionItem;

export interface ReplaceResult {
  /** Whether anything in the table changed. */
  changed: boolean;
  /** Items the database refused; the others are written all the same. */
  failed: { id: string; error: string }[];
  /** Ids of items that belong to another meeting (pasted from there): not written here. */
  taken: string[];
}

/**
 * Makes the table hold exactly `items` for the meeting: inserts new ones, updates changed ones
 * (touching `updated_at` only when something changed), deletes the ones gone from the document.
 * An id already used by another meeting (pasted across meetings) stays with that meeting and is
 * returned in `taken` (the caller gives the pasted copy an id of its own).
 * An item the database refuses is left as it was and reported, and the others are written: all
 * items are tried at once, and one by one only when that fails.
 */
export async function replaceMeetingItems(tx: TransactionSql, meetingId: string, groupId: string, items: ProjectedItem[]): Promise<ReplaceResult> {
  const ids = items.map((i) => i.id);
  const deleted = await tx`delete from action_items where meeting_id = ${meetingId} and not (id = any(${ids}::uuid[])) returning id`;
  const taken = (await tx<{ id: string }[]>`select id from action_items where id = any(${ids}::uuid[]) and meeting_id <> ${meetingId}`).map((r) => r.id);
  const takenIds = new Set(taken);
  const own = items.filter((item) => !takenIds.has(item.id));
  let changed = deleted.length > 0;
  try {
    const upserted = await tx.savepoint(async (sp) => {
      let any = false;
      for (const item of own) any = (await upsertItem(sp, meetingId, groupId, item)) || any;
      return any;
    });
    return { changed: changed || upserted, failed: [], taken };
  } catch {
    const failed: ReplaceResult['failed'] = [];
    for (const item of own) {
      try {
        changed = (await tx.savepoint((sp) => upsertItem(sp, meetingId, groupId, item))) || changed;
      } catch (error) {
        failed.push({ id: item.id, error: String(error) });
      }
    }
    return { changed, failed, taken };
  }
}

/**
 * Inserts or updates one item; whether the row changed. The owner's account is kept only if it
 * is a member of the group: a document cannot put an item into a stranger's "My action items".
 */
async function upsertItem(db: Queryable, meetingId: string, groupId: string, item: ProjectedItem): Promise<boolean> {
  const rows = await db`
    insert into action_items (id, meeting_id, group_id, position, text, owner, owner_user_id, due, status)
    values (${item.id}, ${meetingId}, ${groupId}, ${item.position}, ${item.text}, ${item.owner},
            (select user_id from memberships where group_id = ${groupId} and user_id = ${item.ownerUserId}::uuid),
            ${item.due || null}, ${item.status})
    on conflict (id) do update set
      position = excluded.position, text = excluded.text, owner = excluded.owner, owner_user_id = excluded.owner_user_id,
      due = excluded.due, status = excluded.status, updated_at = now()
    where action_items.meeting_id = excluded.meeting_id
      and (action_items.position, action_items.text, action_items.owner, action_items.owner_user_id, action_items.due, action_items.status)
          is distinct from (excluded.position, excluded.text, excluded.owner, excluded.owner_user_id, excluded.due, excluded.status)
    returning id`;
  return rows.length > 0;
}

/** Sets a tracked item's status; the status it had, read under the row's lock, or null if unchanged (or absent). */
export async function setItemStatus(db: Queryable, id: string, status: ActionItemStatus): Promise<ActionItemStatus | null> {
  const [row] = await db<{ from: ActionItemStatus }[]>`
    update action_items a set status = ${status}, updated_at = now()
    from (select id, status from action_items where id = ${id} for update) before
    where a.id = before.id and before.status <> ${status}
    returning before.status as "from"`;
  return row?.from ?? null;
}

export interface ItemFilter {
  /** Groups the caller may see; `null` = all (admin). */
  groupIds: string[] | null;
  groupId?: string;
  meetingId?: string;
  itemId?: string;
  owner?: string;
  statuses?: ActionItemStatus[];
  overdue?: boolean;
  dueFrom?: string;
  dueTo?: string;
  /** Items this user owns: by their name or email, or by their side in the item's group. */
  ownedBy?: string;
}

/**
 * Whose an item is. Owners are free text (the editor suggests delegations, attendees and sides):
 * the item is the user's when it names them (name or email) or the side they belong to in that
 * group (its key or either of its names), compared without case or surrounding spaces, or when
 * its owner is linked to their account (`owner_user_id`, migration 010 of the owner-as-member
 * work; read through `to_jsonb` so that this query runs the same before that column exists).
 */
function ownedBy(db: Queryable, userId: string) {
  const owner = db`lower(btrim(a.owner))`;
  return db`(
    (to_jsonb(a) ->> 'owner_user_id') = ${userId}::text
    or ${owner} in (select lower(u.name) from users u where u.id = ${userId} union all select lower(u.email) from users u where u.id = ${userId})
    or exists (
      select 1 from memberships ms join groups sg on sg.id = ms.group_id cross join lateral jsonb_array_elements(sg.sides) s
      where ms.group_id = a.group_id and ms.user_id = ${userId} and s->>'key' = ms.side
        and ${owner} in (lower(s->>'key'), lower(btrim(s->>'nameAr')), lower(btrim(s->>'nameEn')))))`;
}

export interface TrackedItemRow extends ActionItemRow {
  /** Due before today in the meeting's time zone, and still open or in progress. */
  overdue: boolean;
  meetingTitleAr: string;
  meetingTitleEn: string;
  meetingStartsAt: Date;
  meetingStatus: MeetingStatus;
  groupNameAr: string;
  groupNameEn: string;
  groupDigits: DigitPolicy;
}

export async function listTrackedItems(db: Queryable, f: ItemFilter): Promise<TrackedItemRow[]> {
  const none = db`true`;
  // "Today" is the meeting's: a Kuwait item due yesterday is overdue from midnight in Kuwait,
  // for a viewer in London too (the editor marks it the same way).
  const overdue = db`(a.due is not null and a.due < (now() at time zone m.time_zone)::date and a.status in ('open', 'in_progress'))`;
  return db<TrackedItemRow[]>`
    select a.id, a.meeting_id, a.group_id, a.position, a.text, a.owner, a.owner_user_id, to_char(a.due, 'YYYY-MM-DD') as due,
           a.status, a.updated_at, ${overdue} as overdue, m.title_ar as meeting_title_ar, m.title_en as meeting_title_en,
           m.starts_at as meeting_starts_at, m.status as meeting_status,
           g.name_ar as group_name_ar, g.name_en as group_name_en, g.digits as group_digits
    from action_items a join meetings m on m.id = a.meeting_id join groups g on g.id = a.group_id
    where ${f.groupIds === null ? none : db`a.group_id = any(${f.groupIds}::uuid[])`}
      and ${f.groupId ? db`a.group_id = ${f.groupId}` : none}
      and ${f.meetingId ? db`a.meeting_id = ${f.meetingId}` : none}
      and ${f.itemId ? db`a.id = ${f.itemId}` : none}
      and ${f.owner ? db`a.owner ilike ${'%' + f.owner.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}` : none}
      and ${f.statuses?.length ? db`a.status = any(${f.statuses}::text[])` : none}
      and ${f.overdue === true ? overdue : none}
      and ${f.overdue === false ? db`not ${overdue}` : none}
      and ${f.dueFrom ? db`a.due >= ${f.dueFrom}::date` : none}
      and ${f.dueTo ? db`a.due <= ${f.dueTo}::date` : none}
      and ${f.ownedBy ? ownedBy(db, f.ownedBy) : none}
    order by a.due nulls last, m.starts_at, a.position`;
}

/** Meetings (not approved) whose log has rows newer than their last projected item change. */
export async function meetingsNeedingProjection(db: Queryable): Promise<string[]> {
  const rows = await db<{ id: string }[]>`
    select m.id from meetings m
    where m.status <> 'approved' and exists (
      select 1 from minutes_updates u
      where u.meeting_id = m.id
        and u.created_at > coalesce((select max(a.updated_at) from action_items a where a.meeting_id = m.id), m.created_at))`;
  return rows.map((r) => r.id);
}
