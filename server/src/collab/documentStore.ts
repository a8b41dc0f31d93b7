import type { AuditEntry } from '../../../db/queries/auditLog.js';
import type { ClientIdRecord } from './clientIds.js';

export { MinutesLockedError } from '../../../db/queries/minutesUpdates.js';
export { type HeldRows } from '../../../db/queries/minutesCompaction.js';
import type { HeldRows } from '../../../db/queries/minutesCompaction.js';

/** Where a document stands in its log: the id of the last row it holds (0: none). */
export type LogPosition = number;

/**
 * Where a meeting's minutes live durably: an append-only log of Yjs updates. Everything that
 * writes the log goes through this contract — the live documents' group commit, meeting
 * creation (the template is the first row) and the compactor — so there is one place that
 * knows how the log is stored, and a test can put an in-memory store with faults under the
 * whole collaboration core.
 *
 * Several server processes may hold the same document: each follows the log by row id
 * (`open`, then `after`), and the commits of one meeting are serialized, so rows become visible
 * in id order.
 */
export interface DocumentStore {
  /** The log in order; replaying it in order (replayLog.ts) gives the document. */
  load(meetingId: string): Promise<Uint8Array[]>;
  /**
   * The log in order, handed to `apply` in one or more parts (a long log: the next part is read
   * while this one is applied), as one consistent read; resolves with the position of its last
   * row. `apply` throwing rejects the open.
   */
  open(meetingId: string, apply: (updates: Uint8Array[]) => void): Promise<LogPosition>;
  /**
   * Durable when it resolves; a rejection means nothing of it may count as saved (locked
   * minutes: MinutesLockedError). `owners`: who first wrote under the client ids this update
   * introduces (clientIds.ts), stored with it. `draftOnly`: it holds writes of someone who may
   * write only on a draft (a delegate), refused (MinutesLockedError) once the minutes are
   * circulated, which another process may have done a moment before. `audits`: the audit entries
   * of server changes in it, written in the same transaction. Returns the new row's position.
   */
  append(meetingId: string, update: Uint8Array, extras?: AppendExtras): Promise<LogPosition>;
  /** Rows after `position`, in order; those in `known` without their bytes (the caller wrote them). */
  after(meetingId: string, position: LogPosition, known: LogPosition[]): Promise<{ position: LogPosition; update: Uint8Array | null }[]>;
  /**
   * Replaces the log by one update equal to all of it. Appends that race with it are kept:
   * afterwards the log still replays to the same document plus whatever was appended.
   * `held`: the state of a loaded document and the rows it holds (LiveDocument.held), which
   * replace those rows without reading or replaying them.
   */
  compact(meetingId: string, held?: HeldRows): Promise<Compaction>;
}

/**
 * Rows before and after; `fromMemory`: replaced by the `held` state (a state that holds fewer
 * than two of the rows, its document not having read the rest yet, is not used: the log is
 * replayed instead).
 */
export interface Compaction {
  before: number;
  after: number;
  fromMemory: boolean;
  /** The new row, when made from `held` (its document holds it already). */
  row?: LogPosition;
}

/** What is stored with an update: see DocumentStore.append. */
export interface AppendExtras {
  owners?: ClientIdRecord[];
  draftOnly?: boolean;
  audits?: AuditEntry[];
}
