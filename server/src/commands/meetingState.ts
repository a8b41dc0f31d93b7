import type { AppContext } from '../context.js';
import { serialPerKey } from './serialPerKey.js';

const inThisProcess = serialPerKey();

/**
 * Runs the changes of one meeting's agreed state (its status, the sides' approvals) one at a
 * time, on every server process: here one after another, and on a Postgres that several
 * processes share also under a lock of that database (`alone`). Two approvers finishing at the
 * same moment on two processes each saw only their own side's approval and left the meeting
 * circulated with every side approved. Such a task must not wait for another one (`lockSql` has a
 * few connections, one per task holding its lock).
 */
export function changingMeetingState<T>(ctx: Pick<AppContext, 'db' | 'cluster'>, meetingId: string, task: () => Promise<T>): Promise<T> {
  return inThisProcess(meetingId, () => acrossProcesses(ctx, `meeting-state:${meetingId}`, task));
}

/**
 * Runs `task` while holding a transaction-scoped advisory lock on `key`, in a transaction on the
 * database's lock connections (`Database.lockSql`; the task's own queries use the pool, so it
 * cannot wait for itself; beyond a few at once, such tasks of other meetings wait their turn):
 * released at its end, or by Postgres when that connection is lost. Not on the embedded
 * database: one process.
 */
export async function acrossProcesses<T>(ctx: Pick<AppContext, 'db' | 'cluster'>, key: string, task: () => Promise<T>): Promise<T> {
  if (!ctx.cluster.shared) return task();
  let result: T | undefined;
  await ctx.db.lockSql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
    result = await task();
  });
  return result as T;
}
