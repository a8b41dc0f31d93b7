import type { ClientIdRecord } from './clientIds.js';

/**
 * Where a meeting's minutes live durably: an append-only log of Yjs updates. Everything that
 * writes the log goes through this contract — the live documents' group commit, meeting
 * creation (the template is the first row) and the compactor — so there is one place that
 * knows how the log is stored, and a test can put an in-memory store with faults under the
 * whole collaboration core.
 */
export interface DocumentStore {
  /** The log in order; replaying it (`Y.mergeUpdates`) gives the document. */
  load(meetingId: string): Promise<Uint8Array[]>;
  /**
   * Durable when it resolves; a rejection means nothing of it may count as saved. `owners`: who
   * first wrote under the client ids this update introduces (clientIds.ts), stored with it.
   */
  append(meetingId: string, update: Uint8Array, owners?: ClientIdRecord[]): Promise<void>;
  /**
   * Replaces the log by one update equal to all of it. Appends that race with it are kept:
   * afterwards the log still replays to the same document plus whatever was appended.
   */
  compact(meetingId: string): Promise<{ before: number; after: number }>;
}
