import type { Database } from '../../../db/client.js';
import { findMeeting } from '../../../db/queries/meetings.js';
import type { BackgroundLane } from '../collab/backgroundLane.js';
import { CoalescedRuns } from '../collab/coalescedRuns.js';
import type { LiveDocument } from '../collab/liveDocument.js';
import type { Logger } from '../logger.js';
import type { Realtime } from './realtime.js';

/**
 * Coalesces the commits of a burst of typing into one notice. Each run reads the meeting: as
 * seldom as the action items' projection, whose runs read it too.
 */
const COALESCE_MS = 500;

/**
 * While minutes are circulated, a committed change may make the circulated version stale: the
 * approval panels re-read where the approval stands (`approvals:changed`).
 */
export class CirculationWatch {
  private readonly runs: CoalescedRuns;

  constructor(db: Database, realtime: Realtime, log: Logger, lane?: BackgroundLane) {
    this.runs = new CoalescedRuns(COALESCE_MS, (meetingId) =>
      findMeeting(db.sql, meetingId).then(
        (meeting) => {
          if (meeting?.status === 'circulated') realtime.approvalsChanged(meetingId);
        },
        (error: unknown) => log.error('circulation.watch_failed', { meetingId, error: String(error) }),
      ),
      lane,
    );
  }

  watch(doc: LiveDocument): void {
    doc.onCommitted(() => this.runs.schedule(doc.meetingId));
  }

  /** Shutdown: a notice to panels that are being disconnected anyway is dropped. */
  stop(): Promise<void> {
    return this.runs.stop();
  }
}
