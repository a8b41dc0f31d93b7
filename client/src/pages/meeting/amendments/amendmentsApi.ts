import { request } from '../../../api/http.js';
import type { AmendmentDto, Anchor, CommentDto } from './types.js';

const base = (meetingId: string) => `/api/meetings/${encodeURIComponent(meetingId)}`;
const amendment = (meetingId: string, id: string, action: string) => `${base(meetingId)}/amendments/${encodeURIComponent(id)}/${action}`;
const comment = (meetingId: string, id: string, action: string) => `${base(meetingId)}/comments/${encodeURIComponent(id)}/${action}`;

/** The REST calls of issue 10 (amendments and comments of a meeting). */
export const amendmentsApi = {
  amendments: (meetingId: string) => request<AmendmentDto[]>('GET', `${base(meetingId)}/amendments`),
  propose: (meetingId: string, body: { anchor: Anchor; proposed: string; rationale: string }) =>
    request<AmendmentDto>('POST', `${base(meetingId)}/amendments`, body),
  accept: (meetingId: string, id: string) => request<AmendmentDto>('POST', amendment(meetingId, id, 'accept')),
  reject: (meetingId: string, id: string, reason: string) => request<AmendmentDto>('POST', amendment(meetingId, id, 'reject'), { reason }),
  withdraw: (meetingId: string, id: string) => request<AmendmentDto>('POST', amendment(meetingId, id, 'withdraw')),

  comments: (meetingId: string) => request<CommentDto[]>('GET', `${base(meetingId)}/comments`),
  comment: (meetingId: string, body: { body: string; anchor?: Anchor; parentId?: string }) => request<CommentDto>('POST', `${base(meetingId)}/comments`, body),
  resolve: (meetingId: string, id: string) => request<CommentDto>('POST', comment(meetingId, id, 'resolve')),
  reopen: (meetingId: string, id: string) => request<CommentDto>('POST', comment(meetingId, id, 'reopen')),
};
