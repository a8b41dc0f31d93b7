import { z } from 'zod';
import { isoDateTime } from './fields.js';
import { MEETING_LANGUAGES, MEETING_STATUSES, type MeetingLanguage, type MeetingStatus } from '../domain.js';
import { isTimeZone } from '../format/intlCache.js';

export { MEETING_LANGUAGES, MEETING_STATUSES, type MeetingLanguage, type MeetingStatus } from '../domain.js';

const text = (max: number) => z.string().trim().max(max);

export const Attendee = z
  .object({ name: text(200).min(1), title: text(200).default(''), role: text(200).default('') })
  .strict();
export const Delegation = z
  .object({ name: text(200).min(1), attendees: z.array(Attendee).max(200).default([]) })
  .strict();
export type Delegation = z.infer<typeof Delegation>;

const meetingFields = {
  titleAr: text(300).min(1),
  titleEn: text(300).min(1),
  startsAt: isoDateTime,
  sessionNumber: z.number().int().min(1).max(100000).nullable(),
  timeZone: z.string().refine(isTimeZone, 'unknown time zone'),
  place: text(300),
  isVirtual: z.boolean(),
  language: z.enum(MEETING_LANGUAGES),
  delegations: z.array(Delegation).max(20),
};

export const CreateMeetingBody = z
  .object({
    ...meetingFields,
    sessionNumber: meetingFields.sessionNumber.default(null),
    timeZone: meetingFields.timeZone.default('Asia/Kuwait'),
    place: meetingFields.place.default(''),
    isVirtual: meetingFields.isVirtual.default(false),
    language: meetingFields.language.default('ar'),
    delegations: meetingFields.delegations.default([]),
  })
  .strict();
export type CreateMeetingBody = z.infer<typeof CreateMeetingBody>;

/** Details are edited by secretaries; `status: 'approved'` locks the minutes (read-only for all). */
export const UpdateMeetingBody = z
  .object({ ...meetingFields, status: z.enum(MEETING_STATUSES) })
  .partial()
  .strict();
export type UpdateMeetingBody = z.infer<typeof UpdateMeetingBody>;

export interface MeetingDto {
  id: string;
  groupId: string;
  titleAr: string;
  titleEn: string;
  startsAt: string;
  sessionNumber: number | null;
  timeZone: string;
  place: string;
  isVirtual: boolean;
  language: MeetingLanguage;
  status: MeetingStatus;
  delegations: Delegation[];
  createdAt: string;
  updatedAt: string;
  /** What the caller may do: `read` (observer), `edit` (delegate), `manage` (secretary, admin). */
  access: MeetingAccess;
}

export type MeetingAccess = 'read' | 'edit' | 'manage';

export const MinutesFormat = z.object({ format: z.enum(['json', 'text']).default('json') });
