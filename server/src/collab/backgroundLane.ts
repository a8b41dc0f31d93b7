/**
 * Work that follows commits (projections, quotes, notices), one run at a time for the whole
 * process. Runs are due in bursts: fifty meetings typed into schedule theirs within the same
 * few milliseconds, and on the embedded database, whose one connection serves statements in
 * the order they were sent, a burst put a hundred statements ahead of the next keystrokes'
 * commit (500 typists in 50 meetings: commit p99 62 ms). One run at a time, a commit waits behind
 * one background statement at most; on Postgres the bursts no longer compete with commits for
 * the server either.
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
