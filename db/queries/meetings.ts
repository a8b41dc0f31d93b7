import type { MemberRole } from '../../shared/api/groups.js';
import type { Delegation, MeetingLanguage, MeetingStatus } from '../../shared/api/meetings.js';
import type { DigitPolicy } from '../../shared/domain.js';
import { isUuid } from '../../shared/ids.js';
import type { Queryable } from '../client.js';

export interface MeetingRow {
  id: string;
  groupId: string;
  titleAr: string;
  titleEn: string;
  startsAt: Date;
  sessionNumber: number | null;
  timeZone: string;
  place: string;
  isVirtual: boolean;
  language: MeetingLanguage;
  status: MeetingStatus;
  delegations: Delegation[];
  createdAt: Date;
  updatedAt: Date;
}

export interface MeetingPatch extends Partial<MeetingInput> {
  status?: MeetingStatus;
}

export interface MeetingInput {
  titleAr: string;
  titleEn: string;
  startsAt: string;
  sessionNumber: number | null;
  timeZone: string;
  place: string;
  isVirtual: boolean;
  language: MeetingLanguage;
  delegations: Delegation[];
}

const columns = (db: Queryable) =>
  db`id, group_id, title_ar, title_en, starts_at, session_number, time_zone, place, is_virtual,
     language, status, delegations, created_at, updated_at`;

export async function insertMeeting(db: Queryable, groupId: string, input: MeetingInput): Promise<MeetingRow> {
  const [row] = await db<MeetingRow[]>`
    insert into meetings (group_id, title_ar, title_en, starts_at, session_number, time_zone, place,
                          is_virtual, language, delegations)
    values (${groupId}, ${input.titleAr}, ${input.titleEn}, ${input.startsAt}, ${input.sessionNumber},
            ${input.timeZone}, ${input.place}, ${input.isVirtual}, ${input.language},
            ${db.json(input.delegations as never)})
    returning ${columns(db)}`;
  return row!;
}

export async function findMeeting(db: Queryable, id: string): Promise<MeetingRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db<MeetingRow[]>`select ${columns(db)} from meetings where id = ${id}`;
  return row;
}

export async function listMeetingsOfGroup(db: Queryable, groupId: string): Promise<MeetingRow[]> {
  return db<MeetingRow[]>`select ${columns(db)} from meetings where group_id = ${groupId} order by starts_at desc, id`;
}

export async function updateMeeting(db: Queryable, id: string, patch: MeetingPatch): Promise<MeetingRow | undefined> {
  const set: Record<string, unknown> = {};
  if (patch.titleAr !== undefined) set.title_ar = patch.titleAr;
  if (patch.titleEn !== undefined) set.title_en = patch.titleEn;
  if (patch.startsAt !== undefined) set.starts_at = patch.startsAt;
  if (patch.sessionNumber !== undefined) set.session_number = patch.sessionNumber;
  if (patch.timeZone !== undefined) set.time_zone = patch.timeZone;
  if (patch.place !== undefined) set.place = patch.place;
  if (patch.isVirtual !== undefined) set.is_virtual = patch.isVirtual;
  if (patch.language !== undefined) set.language = patch.language;
  if (patch.status !== undefined) set.status = patch.status;
  if (patch.delegations !== undefined) set.delegations = db.json(patch.delegations as never);
  if (Object.keys(set).length === 0) return findMeeting(db, id);
  const [row] = await db<MeetingRow[]>`
    update meetings set ${db(set)}, updated_at = now() where id = ${id} returning ${columns(db)}`;
  return row;
}

/** Meetings of the groups a user belongs to, with their role there; every meeting when `userId` is null (admin). */
export async function listMeetingsVisibleTo(db: Queryable, userId: string | null): Promise<(MeetingRow & { role: MemberRole | null })[]> {
  return db<(MeetingRow & { role: MemberRole | null })[]>`
    select * from (
      select ${columns(db)},
             (select m.role from memberships m where m.group_id = meetings.group_id and m.user_id = ${userId}) as role
      from meetings
    ) visible
    where ${userId === null ? db`true` : db`role is not null`}
    order by starts_at desc, id`;
}

export type HomeMeetingRow = MeetingRow & { role: MemberRole | null; groupNameAr: string; groupNameEn: string; groupDigits: DigitPolicy };

/**
 * The meetings of the user's groups (every group for `userId` null: an admin) starting from
 * `now` on, soonest first, or before it, latest first.
 */
export async function listMeetingsAround(
  db: Queryable,
  userId: string | null,
  when: 'upcoming' | 'recent',
  limit: number,
): Promise<HomeMeetingRow[]> {
  const columnsOf = db`meetings.id, meetings.group_id, meetings.title_ar, meetings.title_en, meetings.starts_at, meetings.session_number,
     meetings.time_zone, meetings.place, meetings.is_virtual, meetings.language, meetings.status, meetings.delegations,
     meetings.created_at, meetings.updated_at`;
  return db<HomeMeetingRow[]>`
    select ${columnsOf}, g.name_ar as group_name_ar, g.name_en as group_name_en, g.digits as group_digits, ms.role
    from meetings join groups g on g.id = meetings.group_id
      left join memberships ms on ms.group_id = meetings.group_id and ms.user_id = ${userId}
    where ${userId === null ? db`true` : db`ms.user_id is not null`}
      and ${when === 'upcoming' ? db`meetings.starts_at >= now()` : db`meetings.starts_at < now()`}
    order by ${when === 'upcoming' ? db`meetings.starts_at asc` : db`meetings.starts_at desc`}, meetings.id
    limit ${limit}`;
}
