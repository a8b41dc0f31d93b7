import { describe, expect, it } from 'vitest';
import { BackgroundLane } from './backgroundLane.js';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('BackgroundLane', () => {
  it('runs at most `width` at once, in the order queued, each result or failure to its caller', async () => {
    const lane = new BackgroundLane(3);
    let active = 0;
    let most = 0;
    const started: number[] = [];
    const runs = Array.from({ length: 10 }, (_, i) =>
      lane.run(async () => {
        started.push(i);
        active++;
        most = Math.max(most, active);
        await wait(10 + (i % 3) * 5);
        active--;
        if (i === 4) throw new Error('run 4 failed');
        return i * 2;
      }),
    );
    // Nothing starts inside run(): a caller's bookkeeping after the call is always in time.
    expect(started).toEqual([]);
    const results = await Promise.allSettled(runs);
    expect(most).toBe(3);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([0, 2, 4, 6, 'run 4 failed', 10, 12, 14, 16, 18]);
  });

  it('a work that throws before its first await fails its own run and frees its place', async () => {
    const lane = new BackgroundLane(1);
    const failing = lane.run((): Promise<void> => {
      throw new Error('at once');
    });
    await expect(failing).rejects.toThrow('at once');
    await expect(lane.run(async () => 'next')).resolves.toBe('next');
  });
});
