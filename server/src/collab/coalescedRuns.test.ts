import { describe, expect, it } from 'vitest';
import { BackgroundLane } from './backgroundLane.js';
import { CoalescedRuns } from './coalescedRuns.js';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('CoalescedRuns (work that follows commits: projections, quotes, circulation notices)', () => {
  it('runs once per burst, and again for a request after the run started', async () => {
    const runs: string[] = [];
    const coalesced = new CoalescedRuns(30, async (key) => void runs.push(key));
    for (let i = 0; i < 20; i++) coalesced.schedule('meeting-a');
    coalesced.schedule('meeting-b');
    await wait(80);
    expect(runs.sort()).toEqual(['meeting-a', 'meeting-b']);
    coalesced.schedule('meeting-a');
    await wait(80);
    expect(runs.filter((k) => k === 'meeting-a')).toHaveLength(2);
  });

  it('flush runs what is due at once and waits for it; finish does too, and afterwards nothing is scheduled (shutdown)', async () => {
    let finished = 0;
    const coalesced = new CoalescedRuns(10_000, async () => {
      await wait(20);
      finished++;
    });
    coalesced.schedule('meeting-a');
    await coalesced.flush();
    expect(finished).toBe(1);
    coalesced.schedule('meeting-a');
    await coalesced.finish();
    expect(finished).toBe(2);
    // A document flushing its last commits during shutdown: no run after the database is closed.
    coalesced.schedule('meeting-a');
    await coalesced.flush();
    await wait(50);
    expect(finished).toBe(2);
  });

  it("runNow runs one key's scheduled run at once and waits for it (a document about to unload), and nothing else", async () => {
    const runs: string[] = [];
    const coalesced = new CoalescedRuns(10_000, async (key) => {
      await wait(10);
      runs.push(key);
    });
    coalesced.schedule('meeting-a');
    coalesced.schedule('meeting-b');
    await coalesced.runNow('meeting-a');
    expect(runs).toEqual(['meeting-a']);
    expect([...coalesced.scheduled()]).toEqual(['meeting-b']);
    // Nothing scheduled for it: nothing runs.
    await coalesced.runNow('meeting-a');
    expect(runs).toEqual(['meeting-a']);
    await coalesced.stop();
  });

  it('stop drops what is due, waits for runs in progress, and schedules nothing afterwards', async () => {
    const started: string[] = [];
    let finished = 0;
    const coalesced = new CoalescedRuns(20, async (key) => {
      started.push(key);
      await wait(40);
      finished++;
    });
    coalesced.schedule('running');
    await wait(30);
    coalesced.schedule('due');
    await coalesced.stop();
    expect(started).toEqual(['running']);
    expect(finished).toBe(1);
    coalesced.schedule('late');
    await wait(50);
    expect(started).toEqual(['running']);
  });

  it('with a shared lane: one run at a time across instances, one waiting run per key, and stop drops what waits', async () => {
    const lane = new BackgroundLane(1);
    let active = 0;
    let most = 0;
    const runs: string[] = [];
    const work = (name: string) => async (key: string) => {
      active++;
      most = Math.max(most, active);
      await wait(15);
      runs.push(`${name}:${key}`);
      active--;
    };
    const items = new CoalescedRuns(10_000, work('items'), lane);
    const quotes = new CoalescedRuns(10_000, work('quotes'), lane);
    for (const key of ['a', 'b', 'c']) {
      items.schedule(key);
      quotes.schedule(key);
    }
    await Promise.all([items.flush(), quotes.flush()]);
    expect(most).toBe(1);
    expect(runs.sort()).toEqual(['items:a', 'items:b', 'items:c', 'quotes:a', 'quotes:b', 'quotes:c']);

    // A key whose run still waits for the lane gets no second run: the waiting one reads the latest state.
    runs.length = 0;
    const blocker = lane.run(() => wait(40));
    items.schedule('a');
    const first = items.runNow('a');
    items.schedule('a');
    const second = items.runNow('a');
    await Promise.all([blocker, first, second]);
    expect(runs).toEqual(['items:a']);

    // A run whose timer fired and which still waits for the lane: runNow waits for it (a document
    // about to unload must not go before its last projection has read it).
    runs.length = 0;
    const soon = new CoalescedRuns(5, work('items'), lane);
    const busy = lane.run(() => wait(40));
    soon.schedule('a');
    await wait(20);
    expect([...soon.scheduled()]).toEqual([]);
    await soon.runNow('a');
    expect(runs).toEqual(['items:a']);
    await busy;

    // Shutdown: what waits in the lane is dropped, the run in progress finishes.
    runs.length = 0;
    items.schedule('a');
    items.schedule('b');
    void items.runNow('a');
    void items.runNow('b');
    await wait(5);
    await items.stop();
    await wait(40);
    expect(runs).toEqual(['items:a']);
  });
});
