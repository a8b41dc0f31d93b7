// Types only: the server's zod schemas type the bodies without putting zod in this bundle.
import type { z } from 'zod';
import type {
  AcceptInvitationBody,
  CreateInvitationBody,
  CreateUserBody,
  InvitationDto,
  OutstandingInvitationDto,
  Locale,
  LoginBody,
  MeDto,
  PreferencesBody,
  SessionDto,
  SetupBody,
  SetupStatusDto,
  UpdateUserBody,
  UserDto,
} from '../../../shared/api/auth.js';
import type { CreateGroupBody, GroupDto, MemberDto, SetMemberBody, UpdateGroupBody } from '../../../shared/api/groups.js';
import type { ApprovalDto, CirculationDto, CompareDto, CreateVersionBody, VersionDto } from '../../../shared/api/versions.js';
import type { HomeDto } from '../../../shared/api/home.js';
import type { ActionItemDto, PatchActionItemBody } from '../../../shared/api/actionItems.js';
import type { CreateMeetingBody, MeetingDto, UpdateMeetingBody } from '../../../shared/api/meetings.js';
import type { ActionItemStatus } from '../../../shared/editor/actionItemAttrs.js';
import type { SearchResultsDto } from '../../../shared/api/search.js';
import { request, requestText } from './http.js';

/**
 * Typed calls of the REST API. A body is what the server's schema in `shared/api` accepts
 * (`z.input`: before its defaults and trimming), so the two cannot drift apart.
 */
export const api = {
  setupStatus: () => request<SetupStatusDto>('GET', '/api/setup'),
  setup: (body: z.input<typeof SetupBody>) => request<MeDto | undefined>('POST', '/api/setup', body),
  login: (body: z.input<typeof LoginBody>) => request<void>('POST', '/api/auth/login', body, { expect401: true }),
  logout: () => request<void>('POST', '/api/auth/logout', undefined, { expect401: true }),
  me: () => request<MeDto>('GET', '/api/me', undefined, { expect401: true }),
  setLocale: (locale: Locale) => request<MeDto>('PUT', '/api/me/preferences', { locale } satisfies z.input<typeof PreferencesBody>),

  users: () => request<UserDto[]>('GET', '/api/users'),
  /** Secretaries and admins: an active account by its exact email (404 if none). */
  lookupUser: (email: string) =>
    request<{ id: string; email: string; name: string }>('GET', `/api/users/lookup?email=${encodeURIComponent(email.trim())}`),
  createUser: (body: z.input<typeof CreateUserBody>) => request<{ id: string }>('POST', '/api/users', body),
  updateUser: (id: string, body: z.input<typeof UpdateUserBody>) =>
    request<UserDto | undefined>('PATCH', `/api/users/${encodeURIComponent(id)}`, body),
  createInvitation: (body: z.input<typeof CreateInvitationBody>) => request<InvitationDto>('POST', '/api/invitations', body),
  invitations: () => request<OutstandingInvitationDto[]>('GET', '/api/invitations'),
  revokeInvitation: (id: string) => request<void>('DELETE', `/api/invitations/${encodeURIComponent(id)}`),
  acceptInvitation: (token: string, body: z.input<typeof AcceptInvitationBody>) =>
    request<void>('POST', `/api/invitations/${encodeURIComponent(token)}/accept`, body, { expect401: true }),
  userSessions: (userId: string) => request<SessionDto[]>('GET', `/api/users/${encodeURIComponent(userId)}/sessions`),
  revokeSession: (sessionId: string) => request<void>('DELETE', `/api/sessions/${encodeURIComponent(sessionId)}`),

  /** The home page: my meetings, my open action items, my groups. */
  home: () => request<HomeDto>('GET', '/api/home'),
  groups: () => request<GroupDto[]>('GET', '/api/groups'),
  createGroup: (body: z.input<typeof CreateGroupBody>) => request<GroupDto>('POST', '/api/groups', body),
  group: (groupId: string) => request<GroupDto>('GET', `/api/groups/${encodeURIComponent(groupId)}`),
  members: (groupId: string) => request<MemberDto[]>('GET', `/api/groups/${encodeURIComponent(groupId)}/members`),
  /** Secretaries and admins: names and sides (the parties whose approvers agree the minutes). */
  updateGroup: (groupId: string, body: z.input<typeof UpdateGroupBody>) => request<GroupDto>('PATCH', `/api/groups/${encodeURIComponent(groupId)}`, body),
  setMember: (groupId: string, userId: string, body: z.input<typeof SetMemberBody>) =>
    request<MemberDto>('PUT', `/api/groups/${encodeURIComponent(groupId)}/members/${encodeURIComponent(userId)}`, body),
  removeMember: (groupId: string, userId: string) =>
    request<void>('DELETE', `/api/groups/${encodeURIComponent(groupId)}/members/${encodeURIComponent(userId)}`),

  meetings: (groupId: string) => request<MeetingDto[]>('GET', `/api/groups/${encodeURIComponent(groupId)}/meetings`),
  createMeeting: (groupId: string, body: z.input<typeof CreateMeetingBody>) =>
    request<MeetingDto>('POST', `/api/groups/${encodeURIComponent(groupId)}/meetings`, body),
  meeting: (meetingId: string) => request<MeetingDto>('GET', `/api/meetings/${encodeURIComponent(meetingId)}`),
  /** Secretaries and admins: details and status (`approved` locks the minutes). */
  updateMeeting: (meetingId: string, body: z.input<typeof UpdateMeetingBody>) =>
    request<MeetingDto>('PATCH', `/api/meetings/${encodeURIComponent(meetingId)}`, body),
  /** The PDF of the minutes as saved (`Content-Disposition: attachment`); `annex`: with the open amendments. */
  minutesPdfPath: (meetingId: string, { annex = false } = {}) => `/api/meetings/${encodeURIComponent(meetingId)}/minutes.pdf${annex ? '?amendments=annex' : ''}`,
  /** The same as a Word document, with the same annex option. */
  minutesDocxPath: (meetingId: string, { annex = false } = {}) => `/api/meetings/${encodeURIComponent(meetingId)}/minutes.docx${annex ? '?amendments=annex' : ''}`,

  versions: (meetingId: string) => request<VersionDto[]>('GET', `${meetingPath(meetingId)}/versions`),
  createVersion: (meetingId: string, body: z.input<typeof CreateVersionBody>) => request<VersionDto>('POST', `${meetingPath(meetingId)}/versions`, body),
  /** A version's text, one line per paragraph. */
  versionText: (meetingId: string, versionId: string) => requestText(`${meetingPath(meetingId)}/versions/${encodeURIComponent(versionId)}/minutes?format=text`),
  versionPdfPath: (meetingId: string, versionId: string) => `${meetingPath(meetingId)}/versions/${encodeURIComponent(versionId)}/minutes.pdf`,
  /** `to` is a version id or `current`. */
  compare: (meetingId: string, from: string, to: string) =>
    request<CompareDto>('GET', `${meetingPath(meetingId)}/compare?${new URLSearchParams({ from, to }).toString()}`),
  restoreVersion: (meetingId: string, versionId: string) =>
    request<VersionDto>('POST', `${meetingPath(meetingId)}/versions/${encodeURIComponent(versionId)}/restore`),
  circulation: (meetingId: string) => request<CirculationDto>('GET', `${meetingPath(meetingId)}/circulation`),
  approve: (meetingId: string, versionId: string) => request<ApprovalDto>('POST', `${meetingPath(meetingId)}/approvals`, { versionId }),
  withdrawApproval: (meetingId: string) => request<void>('DELETE', `${meetingPath(meetingId)}/approvals/mine`),

  /** `query` as built by `trackerQuery` (groupId, meetingId, owner, status, overdue, dueFrom, dueTo). */
  actionItems: (query: URLSearchParams) => request<ActionItemDto[]>('GET', `/api/action-items${suffix(query)}`),
  /** `query`: `q` and the filters of `GET /api/search` (`SearchQuery`). */
  search: (query: URLSearchParams) => request<SearchResultsDto>('GET', `/api/search${suffix(query)}`),
  actionItemsCsvPath: (query: URLSearchParams) => `/api/action-items.csv${suffix(query)}`,
  setActionItemStatus: (itemId: string, status: ActionItemStatus) =>
    request<ActionItemDto>('PATCH', `/api/action-items/${encodeURIComponent(itemId)}`, {
      status,
    } satisfies z.input<typeof PatchActionItemBody>),
};

function meetingPath(meetingId: string): string {
  return `/api/meetings/${encodeURIComponent(meetingId)}`;
}

function suffix(query: URLSearchParams): string {
  const text = query.toString();
  return text ? `?${text}` : '';
}
