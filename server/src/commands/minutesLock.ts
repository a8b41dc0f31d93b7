import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { setMinutesLocked } from '../../../db/queries/minutesUpdates.js';
import type { LiveDocument } from '../collab/liveDocument.js';
import type { AppContext } from '../context.js';

/**
 * Locks (approval) or unlocks (reopening) the minutes at a point of their edit pipeline, runs
 * `then` (which saves the status), and reconnects every open editor under its new rights. A
 * failure in `then` undoes the lock change, so the pipeline never disagrees with the stored
 * status.
 */
export async function switchMinutesLock<T>(ctx: AppContext, meetingId: string, locked: boolean, then: (live: LiveDocument) => Promise<T>): Promise<T> {
  const result = await ctx.registry.with(meetingId, async (live) => {
    await lockMinutes(ctx, live, locked);
    try {
      return await then(live);
    } catch (error) {
      await lockMinutes(ctx, live, !locked).catch(() => {});
      throw error;
    }
  });
  ctx.collab.disconnectMeeting(meetingId, CloseCode.serverRestart, locked ? 'The minutes were approved and locked.' : 'The minutes were reopened.');
  return result;
}

/**
 * The lock is a point of this process's pipeline AND a flag every commit checks in the
 * database (other server processes may hold the same minutes). Locking: this pipeline first
 * (everything sent here before is committed), then the flag (from then on no process commits),
 * then whatever other processes committed in between is read in, so `then` sees the final
 * minutes. Unlocking: the flag first, or this pipeline's first commit would be refused.
 */
async function lockMinutes(ctx: AppContext, live: LiveDocument, locked: boolean): Promise<void> {
  await live.switchingLock(async () => {
    if (locked) {
      await live.setLocked(true);
      await setMinutesLocked(ctx.db.sql, live.meetingId, true, ctx.cluster.nodeId);
      await live.catchUp();
    } else {
      await setMinutesLocked(ctx.db.sql, live.meetingId, false, ctx.cluster.nodeId);
      await live.setLocked(false);
    }
  });
}
