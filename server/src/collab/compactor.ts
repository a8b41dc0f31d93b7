import type { Logger } from '../logger.js';
import type { PostgresDocumentStore } from './postgresDocumentStore.js';

/** Periodically compacts logs longer than `threshold` rows. Returns a stop function. */
export function startCompactor(options: {
  store: Pick<PostgresDocumentStore, 'compact' | 'longLogs'>;
  threshold: number;
  intervalMs: number;
  log: Logger;
}): () => Promise<void> {
  const { store, log } = options;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      for (const meetingId of await store.longLogs(options.threshold)) {
        const { before, after } = await store.compact(meetingId);
        log.info('collab.compacted', { meetingId, before, after });
      }
    } catch (error) {
      log.error('collab.compaction_failed', { error: String(error) });
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
