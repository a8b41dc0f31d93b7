import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { MemoryDocumentStore } from '../test/memoryDocumentStore.js';
import { appendParagraph, waitFor } from '../test/yClient.js';
import { AfterCommitWork, type AfterCommitRun } from './afterCommitWork.js';
import { BackgroundLane } from './backgroundLane.js';
import { DocumentRegistry } from './documentRegistry.js';

const MEETING = 'meeting-a';

/** A registry on an in-memory log, the work watching every document it loads. */
function setUp(work: AfterCommitWork) {
  const store = new MemoryDocumentStore({ failAppend: () => false, delay: async () => {} });
  const registry = new DocumentRegistry({ store, log: createLogger('silent'), idleUnloadMs: 60_000 });
  registry.onLoaded((doc) => work.watch(doc));
  const type = (text: string) => registry.with(MEETING, (live) => live.change((doc) => void appendParagraph(doc, text)));
  /** A commit of another server process: in the log, then heard of. */
  const otherProcess = async (text: string) => {
    const elsewhere = new Y.Doc();
    appendParagraph(elsewhere, text);
    const position = await store.append(MEETING, Y.encodeStateAsUpdate(elsewhere));
    registry.ifOpen(MEETING, (live) => live.heard(position));
  };
  return { registry, type, otherProcess };
}

/** An items task that follows other processes' commits and a quotes task that does not, after a first commit and its run. */
async function itemsAndQuotes(work: AfterCommitWork) {
  const runs: string[] = [];
  work.add({ alsoFromLog: true, run: async () => void runs.push('items') });
  work.add({ alsoFromLog: false, run: async () => void runs.push('quotes') });
  const { type, otherProcess } = setUp(work);
  await type('a');
  await work.flush();
  runs.length = 0;
  return { runs, type, otherProcess };
}

describe('AfterCommitWork', () => {
  it('runs the tasks a burst of commits made due once, in the order they were added, sharing what they read', async () => {
    const work = new AfterCommitWork(40, createLogger('silent'));
    const runs: string[] = [];
    work.add({
      alsoFromLog: true,
      run: async (meetingId, shared: AfterCommitRun) => {
        runs.push(`items ${meetingId}`);
        shared.meeting = { id: meetingId } as AfterCommitRun['meeting'];
      },
    });
    work.add({ alsoFromLog: false, run: async (_id, shared) => void runs.push(`notice, meeting ${shared.meeting ? 'given' : 'missing'}`) });
    const { type } = setUp(work);

    for (const letter of 'محضر') await type(letter);
    await waitFor(() => runs.length === 2, 2000, 'one run');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(runs).toEqual([`items ${MEETING}`, 'notice, meeting given']);
  });

  it('after a commit of another process, runs only the tasks that follow those too', async () => {
    const work = new AfterCommitWork(20, createLogger('silent'));
    const { runs, otherProcess } = await itemsAndQuotes(work);

    await otherProcess('b');
    await waitFor(() => runs.length > 0, 2000, 'a run');
    await work.flush();
    expect(runs).toEqual(['items']);
  });

  it('a task that throws is logged and the tasks after it still run', async () => {
    const errors: string[] = [];
    const work = new AfterCommitWork(10, { info: () => {}, warn: () => {}, error: (event) => void errors.push(event) });
    const runs: string[] = [];
    work.add({ alsoFromLog: true, run: () => Promise.reject(new Error('a bug')) });
    work.add({ alsoFromLog: false, run: async () => void runs.push('quotes') });
    const { type } = setUp(work);
    await type('a');
    await waitFor(() => runs.length === 1, 2000, 'the second task');
    expect(errors).toEqual(['after_commit.task_failed']);
  });

  it('a run still waiting its turn in the lane also does what became due meanwhile (one run, not two)', async () => {
    const lane = new BackgroundLane(1);
    const work = new AfterCommitWork(10, createLogger('silent'), lane);
    const { runs, type, otherProcess } = await itemsAndQuotes(work);

    let release!: () => void;
    void lane.run(() => new Promise<void>((resolve) => (release = resolve)));
    await otherProcess('b');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect([...work.pending()]).toEqual([MEETING]);
    await type('c');
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await waitFor(() => runs.length === 2, 2000, 'the run');
    await work.flush();
    expect(runs).toEqual(['items', 'quotes']);
    expect([...work.pending()]).toEqual([]);
  });
});
