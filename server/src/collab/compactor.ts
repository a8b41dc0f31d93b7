import type { Logger } from '../logger.js';
import type { LiveDocument } from './liveDocument.js';
import type { PostgresDocumentStore } from './postgresDocumentStore.js';

/** A meeting whose compaction keeps failing is tried again at most this seldom. */
const MAX_RETRY_MS = 3_600_000;

/**
 * Periodically compacts logs longer than `threshold` rows. Returns a stop function.
 *
 * Meetings are compacted one by one: a log that cannot be compacted (damaged, or refused by the
 * database) must not stop the others' (it did: the first failure ended the pass, every pass).
 * A failing meeting is tried again after twice the interval, then four times, up to an hour,
 * and logged each time it is tried, not every pass; its log stays as it was, loadable or not.
 */
export function startCompactor(options: {
  store: Pick<PostgresDocumentStore, 'compact' | 'longLogs'>;
  /**
   * A meeting's document if this process has it loaded: compacted from its state and the rows
   * it holds (LiveDocument.held) instead of replaying the log.
   */
  live?: (meetingId: string) => Pick<LiveDocument, 'held' | 'compactedTo'> | undefined;
  threshold: number;
  intervalMs: number;
  log: Logger;
}): () => Promise<void> {
  const { store, log } = options;
  const failing = new Map<string, { failures: number; retryAt: number }>();
  let running: Promise<void> = Promise.resolve();
  const compact = async (meetingId: string) => {
    const failed = failing.get(meetingId);
    if (failed && Date.now() < failed.retryAt) return;
    try {
      const started = performance.now();
      // A document that failed (or unloads) meanwhile refuses the read: the log is replayed instead.
      const live = options.live?.(meetingId);
      const held = await live?.held().catch(() => undefined);
      const { before, after, fromMemory, row } = await store.compact(meetingId, held);
      if (row !== undefined) live?.compactedTo(row);
      failing.delete(meetingId);
      log.info('collab.compacted', { meetingId, before, after, fromMemory, ms: Math.round(performance.now() - started) });
    } catch (error) {
      const failures = (failed?.failures ?? 0) + 1;
      const retryInMs = Math.min(options.intervalMs * 2 ** failures, MAX_RETRY_MS);
      failing.set(meetingId, { failures, retryAt: Date.now() + retryInMs });
      log.error('collab.compaction_failed', { meetingId, failures, retryInMs, error: String(error) });
    }
  };
  const tick = async () => {
    let meetings: string[];
    try {
      meetings = await store.longLogs(options.threshold);
    } catch (error) {
      log.error('collab.compaction_failed', { error: String(error) });
      return;
    }
    // A meeting no longer listed was compacted elsewhere (another process) or mended.
    for (const meetingId of failing.keys()) if (!meetings.includes(meetingId)) failing.delete(meetingId);
    for (const meetingId of meetings) await compact(meetingId);
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
