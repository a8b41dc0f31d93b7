export interface DelayPolicy {
  /** Failures that cost nothing. */
  free: number;
  /** Wait after the first failure beyond `free`; it doubles with each further failure. */
  baseMs: number;
  /** The wait never grows beyond this. */
  maxMs: number;
  /** A key is forgotten this long after its last failure. */
  forgetMs: number;
}

interface Entry {
  failures: number;
  lastAt: number;
  /** Reserved attempts whose check has not finished. */
  pending: number;
}

// Keys are chosen by whoever sends requests (emails, addresses): bound the memory they can take.
const MAX_KEYS = 100_000;

/**
 * Failures per key with a growing delay: the first `free` failures cost nothing; after that an
 * attempt must wait `baseMs·2^(failures−free)` (at most `maxMs`) after the last failure.
 *
 * An attempt is reserved *before* the slow check it guards: `reserve` counts it as a failure at
 * once, `settle` says how the check ended. Check and reservation run in one synchronous step,
 * and the wait runs from when the last failure was known, so concurrent attempts cannot slip
 * past the limit while password hashes are computed, however long that takes.
 * In memory: a restart clears it, which only shortens delays measured in minutes.
 */
export class GrowingDelayLimiter {
  private readonly entries = new Map<string, Entry>();

  constructor(readonly policy: DelayPolicy) {}

  private live(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && now - entry.lastAt >= this.policy.forgetMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Recorded failures (reservations included) that are not forgotten yet. */
  failures(key: string, now = Date.now()): number {
    return this.live(key, now)?.failures ?? 0;
  }

  /** Milliseconds until the key may try again, or 0. */
  waitMs(key: string, now = Date.now()): number {
    const entry = this.live(key, now);
    if (!entry || entry.failures < this.policy.free) return 0;
    const { baseMs, maxMs, free } = this.policy;
    const delay = Math.min(maxMs, baseMs * 2 ** Math.min(entry.failures - free, 40));
    // While checks are still running, their failures are not known yet: wait the full delay.
    return entry.pending > 0 ? delay : Math.max(0, entry.lastAt + delay - now);
  }

  /** Counts an attempt as failed until `settle` says otherwise. Returns the failures so far. */
  reserve(key: string, now = Date.now()): number {
    const entry = this.live(key, now) ?? { failures: 0, lastAt: now, pending: 0 };
    entry.failures++;
    entry.pending++;
    entry.lastAt = now;
    this.touch(key, entry, now);
    return entry.failures;
  }

  /** A failure checked by another server process: counted here too, its delay from now. */
  failedElsewhere(key: string, now = Date.now()): void {
    const entry = this.live(key, now) ?? { failures: 0, lastAt: now, pending: 0 };
    entry.failures++;
    entry.lastAt = now;
    this.touch(key, entry, now);
  }

  /** The reserved attempt's check ended: a failure stays counted (from now), a success not. */
  settle(key: string, failed: boolean, now = Date.now()): void {
    const entry = this.entries.get(key);
    if (!entry) {
      // Reset meanwhile (someone else's success on the same key): count this failure afresh.
      if (failed) this.touch(key, { failures: 1, lastAt: now, pending: 0 }, now);
      return;
    }
    entry.pending = Math.max(0, entry.pending - 1);
    if (failed) {
      entry.lastAt = now;
      this.touch(key, entry, now);
    } else if (--entry.failures <= 0) {
      this.entries.delete(key);
    }
  }

  // Re-inserted so that the map stays ordered by last failure: the oldest go first.
  private touch(key: string, entry: Entry, now: number): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.evict(now);
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  private evict(now: number): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= MAX_KEYS && now - entry.lastAt < this.policy.forgetMs) break;
      this.entries.delete(key);
    }
  }
}
