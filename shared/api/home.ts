import type { DigitPolicy } from '../domain.js';
import type { ActionItemDto } from './actionItems.js';
import type { GroupDto } from './groups.js';
import type { MeetingDto } from './meetings.js';

/** A meeting on the home page, with the names and the digits of its group. */
export interface HomeMeetingDto extends MeetingDto {
  groupNameAr: string;
  groupNameEn: string;
  /** The group's `digits`: the meeting's date and session number are written so in Arabic, as on its own page. */
  groupDigits: DigitPolicy;
}

/** `GET /api/home`: what the signed-in user comes back for, across their groups. */
export interface HomeDto {
  /** Starting now or later, soonest first (at most `HOME_LIMITS.meetings`). */
  upcomingMeetings: HomeMeetingDto[];
  /** Started before now, latest first (at most `HOME_LIMITS.meetings`). */
  recentMeetings: HomeMeetingDto[];
  /** Open or in progress, owned by the user or their side; overdue ones first, then by due date. */
  actionItems: ActionItemDto[];
  groups: GroupDto[];
}

export const HOME_LIMITS = { meetings: 8, actionItems: 50 } as const;
