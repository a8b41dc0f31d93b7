import type { MeetingRow } from '../../../db/queries/meetings.js';
import type { Logger } from '../logger.js';
import type { BackgroundLane } from './backgroundLane.js';
import { CoalescedRuns } from './coalescedRuns.js';
import type { LiveDocument } from './liveDocument.js';

/**
 * A run starts this long after the first commit that follows the previous run (a throttle, not
 * a debounce: continuous typing must not postpone the action items past their 2-second
 * promise). Each run reads the whole document: at 150 ms, a meeting typed into without pause was
 * projected six times a second, a fifth of the database's queries under load (bench:collab).
 */
export const AFTER_COMMIT_MS = 500;

/**
 * What one run's tasks share: the meeting as the first task that read it found it. A task that
 * must see the meeting's latest state (the action items, which must not write after approval)
 * reads it itself and leaves it here for the tasks after it.
 */
export interface AfterCommitRun {
  meeting?: MeetingRow | undefined;
}

export interface AfterCommitTask {
  /** Also after commits of other server processes, applied here from the log. */
  alsoFromLog: boolean;
  /** Logs its own failures (a rejection is logged as a bug, and the run goes on). */
  run(meetingId: string, shared: AfterCommitRun): Promise<void>;
}

/**
 * The work that follows a meeting's commits (its action items, the circulation notice, the
 * amendments' quotes), as ONE run per meeting on one throttle: each task on its own timer made
 * three runs of a meeting every half second, two of them reading the same meeting row, and on the
 * embedded database every run waits its turn with the commits (500 typists in 50 meetings: runs
 * waited 1.1 s at the median before they started, past the projections' 2-second promise).
 * Tasks run in the order they were added.
 */
export class AfterCommitWork {
  private readonly tasks: AfterCommitTask[] = [];
  private readonly runs: CoalescedRuns;
  /** Per meeting, the tasks due at its next run. */
  private readonly due = new Map<string, Set<AfterCommitTask>>();

  constructor(
    delayMs: number,
    private readonly log: Logger,
    lane?: BackgroundLane,
  ) {
    this.runs = new CoalescedRuns(delayMs, (meetingId) => this.run(meetingId), lane);
  }

  add(task: AfterCommitTask): void {
    this.tasks.push(task);
  }

  /** Hook for every loaded document. */
  watch(doc: LiveDocument): void {
    doc.onCommitted(() => this.schedule(doc.meetingId, this.tasks));
    doc.onAppliedFromLog(() => this.schedule(doc.meetingId, this.tasks.filter((task) => task.alsoFromLog)));
  }

  /** Meetings with work due (diagnostics and tests). */
  pending(): IterableIterator<string> {
    return this.due.keys();
  }

  /** The meeting's due work, now (before its document unloads); resolves when done. */
  runNow(meetingId: string): Promise<void> {
    return this.runs.runNow(meetingId);
  }

  /** Runs what is due now, then waits for every run (tests). */
  flush(): Promise<void> {
    return this.runs.flush();
  }

  /** Shutdown: as flush, and nothing is scheduled afterwards (the database closes next). */
  finish(): Promise<void> {
    return this.runs.finish();
  }

  private schedule(meetingId: string, tasks: readonly AfterCommitTask[]): void {
    if (tasks.length === 0) return;
    const due = this.due.get(meetingId) ?? new Set();
    for (const task of tasks) due.add(task);
    this.due.set(meetingId, due);
    this.runs.schedule(meetingId);
  }

  private async run(meetingId: string): Promise<void> {
    const due = this.due.get(meetingId);
    this.due.delete(meetingId);
    if (!due) return;
    const shared: AfterCommitRun = {};
    for (const task of this.tasks) {
      if (!due.has(task)) continue;
      // Tasks log their own failures; one that threw anyway must not cost the others their turn.
      await task.run(meetingId, shared).catch((error: unknown) => this.log.error('after_commit.task_failed', { meetingId, error: String(error) }));
    }
  }
}
