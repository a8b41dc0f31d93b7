import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { MessageType } from '../../../shared/collab/protocol.js';
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
  const peer: Peer = {
    id,
    readOnly: false,
    send(message) {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      if (type === MessageType.saved) saved.push(decoding.readVarUint(decoder));
      else if (type === MessageType.sync && decoding.readVarUint(decoder) === syncProtocol.messageYjsUpdate) updates.push(decoding.readVarUint8Array(decoder));
    },
    close() {},
  };
  return { peer, updates, saved };
}

async function setUp() {
  const base = initialMinutesUpdate(baseMinutes());
  const store = new MemoryDocumentStore({ failAppend: () => false, delay: async () => {} });
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
  return { live, a, b, edit, textOf };
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
