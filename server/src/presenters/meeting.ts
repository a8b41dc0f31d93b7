import type { MeetingAccess, MeetingDto } from '../../../shared/api/meetings.js';
import type { MeetingRow } from '../../../db/queries/meetings.js';

/** A meeting as every viewer sees it (socket.io broadcasts); `presentMeeting` adds the caller's access. */
export function presentMeetingEvent(row: MeetingRow): Omit<MeetingDto, 'access'> {
  return {
    id: row.id,
    groupId: row.groupId,
    titleAr: row.titleAr,
    titleEn: row.titleEn,
    startsAt: row.startsAt.toISOString(),
    sessionNumber: row.sessionNumber,
    timeZone: row.timeZone,
    place: row.place,
    isVirtual: row.isVirtual,
    language: row.language,
    status: row.status,
    delegations: row.delegations,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentMeeting(row: MeetingRow, access: MeetingAccess): MeetingDto {
  return { ...presentMeetingEvent(row), access };
}
