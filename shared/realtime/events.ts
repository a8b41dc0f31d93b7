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
}

/** socket.io events, client → server. Acks carry `{ ok }` or `{ error }`. */
export interface ClientToServerEvents {
  /** Join the live room of a meeting (membership is checked). */
  'meeting:watch': (meetingId: string, ack: (result: { ok: true } | { error: string }) => void) => void;
  'meeting:unwatch': (meetingId: string) => void;
}
