import type { BackgroundLane } from './backgroundLane.js';

/**
 * Work that follows commits, per key (a meeting): a run starts `delayMs` after the first request
 * that follows the previous start, so a burst of typing costs one run and the commit path only
 * sets a timer (a throttle, not a debounce: continuous typing never postpones a run). `run` must
 * not reject: it logs its own failures. With a `lane`, runs wait their turn there; a key whose
 * run is still waiting gets no second one (the waiting run reads the state it finds, the latest).
 */
export class CoalescedRuns {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  /** Runs queued in the lane and not started, by key. */
  private readonly waiting = new Map<string, Promise<void>>();
  /** After shutdown began, commits still flushed by the documents schedule nothing. */
  private closed = false;
  /** stop(): runs still waiting in the lane are dropped. */
  private dropped = false;

  constructor(
    private readonly delayMs: number,
    private readonly run: (key: string) => Promise<void>,
    private readonly lane?: BackgroundLane,
  ) {}

  schedule(key: string): void {
    if (this.closed || this.pending.has(key)) return;
    const timer = setTimeout(() => {
      this.pending.delete(key);
      this.start(key);
    }, this.delayMs);
    this.pending.set(key, timer);
  }

  /** Keys with a run scheduled and not started (diagnostics and tests). */
  scheduled(): IterableIterator<string> {
    return this.pending.keys();
  }

  /**
   * Runs the key's scheduled run now, if it has one; resolves when it is done. A run already
   * waiting for the lane is the one waited for: a document about to unload must not leave
   * before its last run has read it (the run would load it back).
   */
  runNow(key: string): Promise<void> {
    const timer = this.pending.get(key);
    if (timer === undefined) return this.waiting.get(key) ?? Promise.resolve();
    clearTimeout(timer);
    this.pending.delete(key);
    return this.start(key);
  }

  /** Runs what is scheduled now, then waits for every run (tests; shutdown: see finish). */
  async flush(): Promise<void> {
    const keys = [...this.pending.keys()];
    this.clear();
    for (const key of keys) this.start(key);
    await Promise.allSettled(this.running);
  }

  /** Shutdown, work that must be done: flush, and schedule nothing afterwards. */
  finish(): Promise<void> {
    this.closed = true;
    return this.flush();
  }

  /** Shutdown, work that may be dropped: nothing new starts, runs in progress finish. */
  async stop(): Promise<void> {
    this.closed = true;
    this.dropped = true;
    this.clear();
    await Promise.allSettled(this.running);
  }

  private start(key: string): Promise<void> {
    const queued = this.waiting.get(key);
    if (queued) return queued;
    let run: Promise<void>;
    if (this.lane) {
      run = this.lane.run(() => {
        this.waiting.delete(key);
        return this.dropped ? Promise.resolve() : this.run(key);
      });
      this.waiting.set(key, run);
    } else run = this.run(key);
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
    return run;
  }

  private clear(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}
