import * as Y from 'yjs';
import type { Sql } from '../../../db/client.js';
import { meetingsWithLongLogs, replaceUpdates, type UpdateRow } from '../../../db/queries/minutesUpdates.js';
import type { Logger } from '../logger.js';

/** One update equivalent to all rows: the state of a doc that applied them (deleted content GC'd). */
export function mergeRows(rows: UpdateRow[]): Uint8Array {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, Y.mergeUpdates(rows.map((r) => r.update)));
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/** Replaces a meeting's log by one row; appends that race with it are kept (see replaceUpdates). */
export function compactMeeting(sql: Sql, meetingId: string): Promise<{ before: number; after: number }> {
  return replaceUpdates(sql, meetingId, mergeRows);
}

/** Periodically compacts logs longer than `threshold` rows. Returns a stop function. */
export function startCompactor(options: { sql: Sql; threshold: number; intervalMs: number; log: Logger }): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      for (const meetingId of await meetingsWithLongLogs(options.sql, options.threshold)) {
        const { before, after } = await compactMeeting(options.sql, meetingId);
        options.log.info('collab.compacted', { meetingId, before, after });
      }
    } catch (error) {
      options.log.error('collab.compaction_failed', { error: String(error) });
    }
  };
  const timer = setInterval(() => {
    running = running.then(tick);
  }, options.intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
