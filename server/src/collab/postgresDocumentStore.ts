import * as Y from 'yjs';
import type { Queryable, Sql } from '../../../db/client.js';
import { appendUpdate, updatesAfter } from '../../../db/queries/minutesUpdates.js';
import { loadLog, meetingsWithLongLogs, readLog, type UpdateRow } from '../../../db/queries/minutesLog.js';
import { replaceHeldUpdates, replaceUpdates } from '../../../db/queries/minutesCompaction.js';
import { CommitBatcher } from './commitBatcher.js';
import type { AppendExtras, Compaction, DocumentStore, HeldRows, LogPosition } from './documentStore.js';
import { replayLog } from './replayLog.js';

/**
 * One update equivalent to all rows: the state of a doc that applied them (deleted content
 * GC'd). Applied `slice` rows at a time, the event loop served between slices: replaying a
 * 4,000-row log took 25–54 ms, a pause in every document's typing on this server.
 */
export async function mergeRows(rows: UpdateRow[], slice = 256): Promise<Uint8Array> {
  const doc = new Y.Doc();
  try {
    for (let at = 0; at < rows.length; at += slice) {
      if (at > 0) await new Promise((resolve) => setImmediate(resolve));
      replayLog(doc, rows.slice(at, at + slice).map((r) => r.update), null);
    }
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/** The minutes' log in Postgres (`minutes_updates`): the only writer of that table. */
export class PostgresDocumentStore implements DocumentStore {
  private readonly batcher: CommitBatcher;

  /**
   * `commits.sql`: where commits go (Database.commitSql; reads and compaction use `sql`);
   * `commits.announce`: whether they notify other server processes (ClusterBus.shared).
   */
  constructor(
    private readonly sql: Sql,
    commits: { sql: Sql; announce: boolean } = { sql, announce: true },
  ) {
    this.batcher = new CommitBatcher(commits.sql, commits.announce);
  }

  async load(meetingId: string): Promise<Uint8Array[]> {
    return (await loadLog(this.sql, meetingId)).updates;
  }

  open(meetingId: string, apply: (updates: Uint8Array[]) => void): Promise<LogPosition> {
    return readLog(this.sql, meetingId, apply);
  }

  append(meetingId: string, update: Uint8Array, { owners = [], draftOnly = false, audits = [] }: AppendExtras = {}): Promise<LogPosition> {
    return this.batcher.commit({ meetingId, update, owners, draftOnly, audits });
  }

  async after(meetingId: string, position: LogPosition, known: LogPosition[]): Promise<{ position: LogPosition; update: Uint8Array | null }[]> {
    return (await updatesAfter(this.sql, meetingId, position, known)).map((r) => ({ position: r.id, update: r.update }));
  }

  /**
   * From a loaded document's state when one is given (replaceHeldUpdates), else merged outside
   * the transaction that swaps the rows, which are deleted by their exact ids (replaceUpdates).
   */
  async compact(meetingId: string, held?: HeldRows): Promise<Compaction> {
    if (held) {
      const result = await replaceHeldUpdates(this.sql, meetingId, held);
      if (result.before >= 2) return { ...result, fromMemory: true };
    }
    return { ...(await replaceUpdates(this.sql, meetingId, mergeRows)), fromMemory: false };
  }

  /** The first row of a new meeting's log, inside the transaction that creates the meeting. */
  async create(tx: Queryable, meetingId: string, initial: Uint8Array): Promise<void> {
    await appendUpdate(tx, meetingId, initial);
  }

  /** Meetings whose log has more than `threshold` rows: what the compactor should merge. */
  longLogs(threshold: number): Promise<string[]> {
    return meetingsWithLongLogs(this.sql, threshold);
  }
}
