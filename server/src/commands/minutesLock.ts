import { CloseCode } from '../../../shared/collab/closeCodes.js';
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
    await live.setLocked(locked);
    try {
      return await then(live);
    } catch (error) {
      await live.setLocked(!locked).catch(() => {});
      throw error;
    }
  });
  ctx.collab.disconnectMeeting(meetingId, CloseCode.serverRestart, locked ? 'The minutes were approved and locked.' : 'The minutes were reopened.');
  return result;
}
