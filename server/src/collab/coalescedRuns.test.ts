import { describe, expect, it } from 'vitest';
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
});
