import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { MessageType } from '../../../shared/collab/protocol.js';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { createLogger } from '../logger.js';
import { initialMinutesUpdate } from '../minutes/initialState.js';
import { baseMinutes } from '../test/hostileEdits.js';
import { MemoryDocumentStore } from '../test/memoryDocumentStore.js';
import { appendParagraph } from '../test/yClient.js';
import { LiveDocument, type Peer } from './liveDocument.js';

const MEETING = 'm1';

/** A peer that keeps the updates and "saved" counts it is sent. */
function recordingPeer(id: string) {
  const updates: Uint8Array[] = [];
  const saved: number[] = [];
  let messages = 0;
  const peer: Peer = {
    id,
    readOnly: false,
    send(message) {
      messages++;
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      if (type === MessageType.saved) saved.push(decoding.readVarUint(decoder));
      else if (type === MessageType.sync && decoding.readVarUint(decoder) === syncProtocol.messageYjsUpdate) updates.push(decoding.readVarUint8Array(decoder));
    },
    close(code) {
      closed.push(code);
    },
  };
  const closed: number[] = [];
  return { peer, updates, saved, closed, messages: () => messages };
}

/**
 * The store's I/O, held at will: `hold()` makes the next store call wait until `release()`;
 * `failNext` makes the next append fail.
 */
function controlledFaults() {
  let holding = false;
  const held: (() => void)[] = [];
  const faults = {
    failNext: false,
    hold: () => void (holding = true),
    /** Lets the held call go on; `thenHold`: the call after it is held in turn. */
    release(thenHold = false) {
      holding = thenHold;
      held.splice(0).forEach((go) => go());
    },
    get waiting() {
      return held.length;
    },
    failAppend: () => {
      const fail = faults.failNext;
      faults.failNext = false;
      return fail;
    },
    delay: () => (holding ? new Promise<void>((go) => held.push(go)) : Promise.resolve()),
  };
  return faults;
}

const turns = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((go) => setImmediate(go));
};

async function setUp() {
  const base = initialMinutesUpdate(baseMinutes());
  const faults = controlledFaults();
  const store = new MemoryDocumentStore(faults);
  await store.append(MEETING, base);
  const live = await LiveDocument.load(MEETING, store, createLogger('silent'));
  const [a, b] = [recordingPeer('a'), recordingPeer('b')];
  live.addPeer(a.peer);
  live.addPeer(b.peer);
  await live.flushed();
  const edit = (text: string) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, base);
    const before = Y.encodeStateVector(doc);
    appendParagraph(doc, text);
    return Y.encodeStateAsUpdate(doc, before);
  };
  /** The minutes as a peer that was sent `updates` holds them (it had the base already). */
  const textOf = (updates: Uint8Array[]) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, base);
    for (const update of updates) Y.applyUpdate(doc, update);
    return doc.getXmlFragment('default').toString();
  };
  return { live, a, b, edit, textOf, faults };
}

describe('the commit pipeline: what each peer is sent after a commit', () => {
  it("sends the author of everything a batch changed only its \"saved\", and the others the update", async () => {
    const { live, a, b, edit, textOf } = await setUp();
    live.receive(a.peer, { kind: 'update', update: edit('from a alone') });
    await live.flushed();
    expect(a.saved).toEqual([1]);
    expect(a.updates).toHaveLength(0);
    expect(b.updates).toHaveLength(1);
    expect(textOf(b.updates)).toContain('from a alone');
  });

  it('sends the update to its author too when the batch holds more than its own changes', async () => {
    const { live, a, b, edit, textOf } = await setUp();
    // One batch: a's update, then a server change (e.g. a status from the tracker).
    live.receive(a.peer, { kind: 'update', update: edit('from a') });
    const served = live.change((doc) => void appendParagraph(doc, 'from the server'));
    await served;
    await live.flushed();
    expect(a.saved).toEqual([1]);
    expect(textOf(a.updates)).toContain('from the server');
    expect(textOf(b.updates)).toContain('from a');

    // One batch: updates of a and of b; each gets the other's.
    const [beforeA, beforeB] = [a.updates.length, b.updates.length];
    live.receive(a.peer, { kind: 'update', update: edit('a again') });
    live.receive(b.peer, { kind: 'update', update: edit('b too') });
    await live.flushed();
    expect(textOf(a.updates.slice(beforeA))).toContain('b too');
    expect(textOf(b.updates.slice(beforeB))).toContain('a again');
  });
});

describe('the commit pipeline: the next batch commits while the one before is sent', () => {
  it('shows a batch to nobody, and tells its author nothing, until it is committed, while the batch before is broadcast', async () => {
    const { live, a, b, edit, textOf, faults } = await setUp();
    // The overlap itself: when b is sent the first batch, the second's commit is under way.
    const commitsUnderWay: number[] = [];
    const send = b.peer.send.bind(b.peer);
    b.peer.send = (message) => {
      commitsUnderWay.push(faults.waiting);
      send(message);
    };
    faults.hold();
    live.receive(a.peer, { kind: 'update', update: edit('first') });
    await turns();
    expect(faults.waiting).toBe(1);
    // Queued while the first commits: the second batch.
    live.receive(a.peer, { kind: 'update', update: edit('second') });
    faults.release(true);
    await turns();
    // The first is committed and out; the second is applied, its commit held.
    expect(faults.waiting).toBe(1);
    expect(a.saved).toEqual([1]);
    expect(textOf(b.updates)).toContain('first');
    expect(textOf(b.updates)).not.toContain('second');
    expect(commitsUnderWay).toEqual([1]);
    // A newcomer's handshake is answered from the committed state only: after the second commits.
    const c = recordingPeer('c');
    live.addPeer(c.peer);
    await turns();
    expect(c.messages()).toBe(0);

    faults.release();
    await live.flushed();
    expect(a.saved).toEqual([1, 2]);
    expect(textOf(b.updates)).toContain('second');
    expect(c.messages()).toBeGreaterThan(0);
  });

  it('when the next batch fails to commit, the committed one is still sent and saved, and the failed one reaches no one', async () => {
    const { live, a, b, edit, textOf, faults } = await setUp();
    faults.hold();
    live.receive(a.peer, { kind: 'update', update: edit('kept') });
    await turns();
    live.receive(a.peer, { kind: 'update', update: edit('lost to the failure') });
    faults.release(true);
    await turns();
    expect(faults.waiting).toBe(1);
    faults.failNext = true;
    faults.release();
    await live.flushed();
    expect(a.saved).toEqual([1]);
    expect(textOf(b.updates)).toContain('kept');
    expect(textOf(b.updates)).not.toContain('lost to the failure');
    // Both are told to reconnect (and resend what was not saved).
    expect(a.closed).toEqual([CloseCode.tryAgainLater]);
    expect(b.closed).toEqual([CloseCode.tryAgainLater]);
  });
});
