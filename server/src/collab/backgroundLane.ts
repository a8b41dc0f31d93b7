/**
 * Work that follows commits (projections, quotes, notices), at most `width` runs at a time for
 * the whole process. Runs are due in bursts: fifty meetings typed into schedule theirs within the
 * same few milliseconds, and on the embedded database, whose one connection serves statements in
 * the order they were sent, a burst put a hundred statements ahead of the next keystrokes'
 * commit (500 typists in 50 meetings: commit p99 62 ms). With a lane, a commit waits behind
 * `width` background statements at most.
 *
 * Why not one at a time: a run spends most of its time waiting, not querying (a read of the
 * document waits for that document's commit in flight), and one lane slot idle behind each such
 * wait let runs fall seconds behind (500/50: a run started 2.7–5.3 s after the commit that called
 * for it at the median, past the projections' 2-second promise; four wide, 1.2–1.9 s, with the
 * same keystroke p99 within the noise: 79–105 against 76–97 ms). Used on the embedded database
 * only (see app.ts). Work never starts inside `run()`: always from a later microtask.
 */
export class BackgroundLane {
  private running = 0;
  private readonly queued: (() => void)[] = [];

  constructor(private readonly width: number) {}

  /** Runs `work` once fewer than `width` runs are in progress, in the order they were queued. */
  run<T>(work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.running++;
        Promise.resolve()
          .then(work)
          .then(resolve, reject)
          .finally(() => {
            this.running--;
            this.queued.shift()?.();
          });
      };
      if (this.running < this.width) start();
      else this.queued.push(start);
    });
  }
}
