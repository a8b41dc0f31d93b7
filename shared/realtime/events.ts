import type { AmendmentDto } from '../api/amendments.js';
import type { CommentDto } from '../api/comments.js';
import type { MeetingDto } from '../api/meetings.js';

/** socket.io events, server → client. */
export interface ServerToClientEvents {
  /** A meeting's details changed (title, date, delegations, status). */
  'meeting:updated': (meeting: Omit<MeetingDto, 'access'>) => void;
  /** The action items of a meeting changed (projection refreshed or status patched). */
  'actionItems:changed': (event: { meetingId: string; groupId: string }) => void;
  /** A version of the meeting's minutes was recorded (saved, circulated, approved, restored). */
  'versions:changed': (event: { meetingId: string }) => void;
  /** An approval of the circulated version was given or withdrawn. */
  'approvals:changed': (event: { meetingId: string }) => void;
  /**
   * Amendments of the meeting were proposed or changed (decided, withdrawn, quote recomputed,
   * outdated): the full DTOs of those that changed; replace by id.
   */
  'amendments:changed': (event: { meetingId: string; amendments: AmendmentDto[] }) => void;
  /** Comments were added or changed (full DTOs, replace by id) or deleted (`removed` ids). */
  'comments:changed': (event: { meetingId: string; comments: CommentDto[]; removed: string[] }) => void;
}

/** socket.io events, client → server. Acks carry `{ ok }` or `{ error }`. */
export interface ClientToServerEvents {
  /** Join the live room of a meeting (membership is checked). */
  'meeting:watch': (meetingId: string, ack: (result: { ok: true } | { error: string }) => void) => void;
  'meeting:unwatch': (meetingId: string) => void;
}
