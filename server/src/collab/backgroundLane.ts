/**
 * Work that follows commits (projections, quotes, notices), one run at a time for the whole
 * process. Runs are due in bursts: fifty meetings typed into schedule theirs within the same
 * few milliseconds, and on the embedded database, whose one connection serves statements in
 * the order they were sent, a burst put a hundred statements ahead of the next keystrokes'
 * commit (500 typists in 50 meetings: commit p99 62 ms). One run at a time, a commit waits behind
 * one background statement at most. The price is freshness under that load: runs then waited
 * 1.1 s at the median (2.7 s p99) before they started; typing comes first. Used on the embedded
 * database only (see app.ts).
 */
export class BackgroundLane {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `work` after every run queued before it has settled. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => {});
    return result;
  }
}
