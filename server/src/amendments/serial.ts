import type { AppContext } from '../context.js';
import { acrossProcesses } from '../commands/meetingState.js';
import { serialPerKey } from '../commands/serialPerKey.js';

const inThisProcess = serialPerKey();

/**
 * Everything that changes the status of one meeting's amendments runs one at a time, on every
 * server process: decisions (two secretaries accepting the same amendment at once on two
 * processes each found it open, and the wording went in twice) and the recomputation after
 * commits (which must not call "outdated" the text an accept has just replaced, before the
 * accept records its decision; the accept then found its amendment outdated and failed after
 * changing the text). `hereOnly`: a recomputation of a meeting without open amendments (only
 * comments' quotes) keeps its turn in this process but takes no lock of the shared database,
 * whose few lock connections the decisions and approvals need.
 */
export function amendmentsOfMeeting<T>(ctx: Pick<AppContext, 'db' | 'cluster'>, meetingId: string, task: () => Promise<T>, hereOnly = false): Promise<T> {
  return inThisProcess(meetingId, () => (hereOnly ? task() : acrossProcesses(ctx, `amendments:${meetingId}`, task)));
}
