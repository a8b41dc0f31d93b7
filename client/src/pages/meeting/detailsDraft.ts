import type { Delegation, MeetingDto, MeetingLanguage, UpdateMeetingBody } from '../../../../shared/api/meetings.js';
import { isoToZonedWall, zonedWallTimeToIso } from '../../lib/time.js';

export interface AttendeeDraft {
  key: number;
  name: string;
  title: string;
  role: string;
}

export interface DelegationDraft {
  key: number;
  name: string;
  attendees: AttendeeDraft[];
}

/** The details form's state: what the inputs hold (the date as wall time in `timeZone`). */
export interface DetailsDraft {
  titleAr: string;
  titleEn: string;
  sessionNumber: string;
  startsAt: string;
  timeZone: string;
  place: string;
  isVirtual: boolean;
  language: MeetingLanguage;
  delegations: DelegationDraft[];
}

let nextKey = 1;
/** A React key for a new row. */
export function rowKey(): number {
  return nextKey++;
}

export function emptyAttendee(): AttendeeDraft {
  return { key: rowKey(), name: '', title: '', role: '' };
}

export function emptyDelegation(): DelegationDraft {
  return { key: rowKey(), name: '', attendees: [emptyAttendee()] };
}

export function draftOf(meeting: MeetingDto): DetailsDraft {
  return {
    titleAr: meeting.titleAr,
    titleEn: meeting.titleEn,
    sessionNumber: meeting.sessionNumber === null ? '' : String(meeting.sessionNumber),
    startsAt: isoToZonedWall(meeting.startsAt, meeting.timeZone),
    timeZone: meeting.timeZone,
    place: meeting.place,
    isVirtual: meeting.isVirtual,
    language: meeting.language,
    delegations: meeting.delegations.map((d) => ({
      key: rowKey(),
      name: d.name,
      attendees: d.attendees.map((a) => ({ key: rowKey(), name: a.name, title: a.title, role: a.role })),
    })),
  };
}

function delegationsOf(draft: DetailsDraft): Delegation[] {
  return draft.delegations.map((d) => ({
    name: d.name.trim(),
    attendees: d.attendees
      // A row left completely empty is not an attendee.
      .filter((a) => a.name.trim() || a.title.trim() || a.role.trim())
      .map((a) => ({ name: a.name.trim(), title: a.title.trim(), role: a.role.trim() })),
  }));
}

/**
 * The PATCH body for what the form changed relative to `base` (the meeting as it was when
 * editing began): only changed fields are sent, so a co-secretary's concurrent change of another
 * field is kept. `badDate` when the date and time cannot be read.
 */
export function patchOf(base: MeetingDto, draft: DetailsDraft): UpdateMeetingBody | 'badDate' {
  const patch: UpdateMeetingBody = {};
  const text = (value: string) => value.trim();
  if (text(draft.titleAr) !== base.titleAr) patch.titleAr = text(draft.titleAr);
  if (text(draft.titleEn) !== base.titleEn) patch.titleEn = text(draft.titleEn);
  const session = draft.sessionNumber.trim() === '' ? null : Number(draft.sessionNumber);
  if (session !== base.sessionNumber) patch.sessionNumber = session;
  const startsAt = zonedWallTimeToIso(draft.startsAt, draft.timeZone);
  if (!startsAt) return 'badDate';
  if (draft.timeZone !== base.timeZone) patch.timeZone = draft.timeZone;
  if (new Date(startsAt).getTime() !== new Date(base.startsAt).getTime()) patch.startsAt = startsAt;
  if (draft.isVirtual !== base.isVirtual) patch.isVirtual = draft.isVirtual;
  const place = draft.isVirtual ? base.place : text(draft.place);
  if (place !== base.place) patch.place = place;
  if (draft.language !== base.language) patch.language = draft.language;
  const delegations = delegationsOf(draft);
  if (JSON.stringify(delegations) !== JSON.stringify(base.delegations)) patch.delegations = delegations;
  return patch;
}

/** The name a delegation of a side goes by in minutes of this language. */
export function sideDelegationName(side: { nameAr: string; nameEn: string }, language: MeetingDto['language']): string {
  return language === 'en' ? side.nameEn : side.nameAr;
}

/** The group's sides that have no delegation yet (matched by either name), so attendance and sides agree. */
export function sidesWithoutDelegation<S extends { nameAr: string; nameEn: string }>(sides: S[], delegations: { name: string }[]): S[] {
  const names = new Set(delegations.map((d) => d.name.trim()));
  return sides.filter((s) => !names.has(s.nameAr) && !names.has(s.nameEn));
}
