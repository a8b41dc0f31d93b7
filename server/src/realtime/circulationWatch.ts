import type { Database } from '../../../db/client.js';
import { findMeeting } from '../../../db/queries/meetings.js';
import type { LiveDocument } from '../collab/liveDocument.js';
import type { Logger } from '../logger.js';
import type { Realtime } from './realtime.js';

/** Coalesces the commits of a burst of typing into one notice. */
const COALESCE_MS = 300;

/**
 * While minutes are circulated, a committed change may make the circulated version stale: the
 * approval panels re-read where the approval stands (`approvals:changed`).
 */
export function watchCirculation(doc: LiveDocument, db: Database, realtime: Realtime, log: Logger): void {
  let timer: NodeJS.Timeout | undefined;
  doc.onCommitted(() => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      findMeeting(db.sql, doc.meetingId).then(
        (meeting) => {
          if (meeting?.status === 'circulated') realtime.approvalsChanged(doc.meetingId);
        },
        (error: unknown) => log.error('circulation.watch_failed', { meetingId: doc.meetingId, error: String(error) }),
      );
    }, COALESCE_MS);
  });
}
