import type { InvitationDto, Locale, MeDto, SessionDto, SetupStatusDto, UserDto } from '../../../shared/api/auth.js';
import type { GroupDto, MemberDto, MemberRole } from '../../../shared/api/groups.js';
import type { ActionItemDto } from '../../../shared/api/actionItems.js';
import type { MeetingDto, MeetingLanguage, UpdateMeetingBody } from '../../../shared/api/meetings.js';
import type { ActionItemStatus } from '../../../shared/editor/actionItemAttrs.js';
import { request } from './http.js';

/** Typed calls of the REST API (bodies as in `shared/api`). */
export const api = {
  setupStatus: () => request<SetupStatusDto>('GET', '/api/setup'),
  setup: (body: { email: string; name: string; password: string }) => request<MeDto | undefined>('POST', '/api/setup', body),
  login: (body: { email: string; password: string }) => request<void>('POST', '/api/auth/login', body, { expect401: true }),
  logout: () => request<void>('POST', '/api/auth/logout', undefined, { expect401: true }),
  me: () => request<MeDto>('GET', '/api/me', undefined, { expect401: true }),
  setLocale: (locale: Locale) => request<MeDto>('PUT', '/api/me/preferences', { locale }),

  users: () => request<UserDto[]>('GET', '/api/users'),
  /** Secretaries and admins: an active account by its exact email (404 if none). */
  lookupUser: (email: string) =>
    request<{ id: string; email: string; name: string }>('GET', `/api/users/lookup?email=${encodeURIComponent(email.trim())}`),
  createUser: (body: { email: string; name: string; password: string; isAdmin: boolean }) =>
    request<{ id: string }>('POST', '/api/users', body),
  updateUser: (id: string, body: { name?: string; password?: string; isAdmin?: boolean; disabled?: boolean }) =>
    request<UserDto | undefined>('PATCH', `/api/users/${encodeURIComponent(id)}`, body),
  createInvitation: (body: { email: string; isAdmin: boolean; expiresInHours: number }) =>
    request<InvitationDto>('POST', '/api/invitations', body),
  acceptInvitation: (token: string, body: { name: string; password: string }) =>
    request<void>('POST', `/api/invitations/${encodeURIComponent(token)}/accept`, body, { expect401: true }),
  userSessions: (userId: string) => request<SessionDto[]>('GET', `/api/users/${encodeURIComponent(userId)}/sessions`),
  revokeSession: (sessionId: string) => request<void>('DELETE', `/api/sessions/${encodeURIComponent(sessionId)}`),

  groups: () => request<GroupDto[]>('GET', '/api/groups'),
  createGroup: (body: { nameAr: string; nameEn: string }) => request<GroupDto>('POST', '/api/groups', body),
  group: (groupId: string) => request<GroupDto>('GET', `/api/groups/${encodeURIComponent(groupId)}`),
  members: (groupId: string) => request<MemberDto[]>('GET', `/api/groups/${encodeURIComponent(groupId)}/members`),
  setMember: (groupId: string, userId: string, role: MemberRole) =>
    request<MemberDto>('PUT', `/api/groups/${encodeURIComponent(groupId)}/members/${encodeURIComponent(userId)}`, { role }),
  removeMember: (groupId: string, userId: string) =>
    request<void>('DELETE', `/api/groups/${encodeURIComponent(groupId)}/members/${encodeURIComponent(userId)}`),

  meetings: (groupId: string) => request<MeetingDto[]>('GET', `/api/groups/${encodeURIComponent(groupId)}/meetings`),
  createMeeting: (
    groupId: string,
    body: {
      titleAr: string;
      titleEn: string;
      startsAt: string;
      sessionNumber: number | null;
      timeZone: string;
      place: string;
      isVirtual: boolean;
      language: MeetingLanguage;
    },
  ) => request<MeetingDto>('POST', `/api/groups/${encodeURIComponent(groupId)}/meetings`, body),
  meeting: (meetingId: string) => request<MeetingDto>('GET', `/api/meetings/${encodeURIComponent(meetingId)}`),
  /** Secretaries and admins: details and status (`approved` locks the minutes). */
  updateMeeting: (meetingId: string, body: UpdateMeetingBody) =>
    request<MeetingDto>('PATCH', `/api/meetings/${encodeURIComponent(meetingId)}`, body),
  /** The PDF of the minutes as saved (`Content-Disposition: attachment`). */
  minutesPdfPath: (meetingId: string) => `/api/meetings/${encodeURIComponent(meetingId)}/minutes.pdf`,

  /** `query` as built by `trackerQuery` (groupId, meetingId, owner, status, overdue, dueFrom, dueTo). */
  actionItems: (query: URLSearchParams) => request<ActionItemDto[]>('GET', `/api/action-items${suffix(query)}`),
  actionItemsCsvPath: (query: URLSearchParams) => `/api/action-items.csv${suffix(query)}`,
  setActionItemStatus: (itemId: string, status: ActionItemStatus) =>
    request<ActionItemDto>('PATCH', `/api/action-items/${encodeURIComponent(itemId)}`, { status }),
};

function suffix(query: URLSearchParams): string {
  const text = query.toString();
  return text ? `?${text}` : '';
}
