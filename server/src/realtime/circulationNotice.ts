import type { Database } from '../../../db/client.js';
import { findMeeting } from '../../../db/queries/meetings.js';
import type { AfterCommitTask } from '../collab/afterCommitWork.js';
import type { Logger } from '../logger.js';
import type { Realtime } from './realtime.js';

/**
 * While minutes are circulated, a committed change may make the circulated version stale: the
 * approval panels re-read where the approval stands (`approvals:changed`). Runs with the rest of
 * the meeting's after-commit work, after the action items, whose run has read the meeting
 * already; a burst of typing makes one notice.
 */
export function circulationNotice(db: Database, realtime: Realtime, log: Logger): AfterCommitTask {
  return {
    alsoFromLog: false,
    run: async (meetingId, shared) => {
      try {
        const meeting = shared.meeting ?? (await findMeeting(db.sql, meetingId));
        if (meeting?.status === 'circulated') realtime.approvalsChanged(meetingId);
      } catch (error) {
        log.error('circulation.watch_failed', { meetingId, error: String(error) });
      }
    },
  };
}
