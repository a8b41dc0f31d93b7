import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { MINUTES_FRAGMENT } from '../../../shared/editor/schema.js';
import { DomainError } from '../errors.js';
import type { Logger } from '../logger.js';
import { initialMinutesUpdate } from '../minutes/initialState.js';
import { baseMinutes, HOSTILE_EDITS } from '../test/hostileEdits.js';
import { MemoryDocumentStore } from '../test/memoryDocumentStore.js';
import { appendParagraph } from '../test/yClient.js';
import { LiveDocument, type Peer } from './liveDocument.js';

const MEETING = 'm1';

function recordingLog(): Logger & { lines: { level: string; event: string; fields?: Record<string, unknown> }[] } {
  const lines: { level: string; event: string; fields?: Record<string, unknown> }[] = [];
  const at = (level: string) => (event: string, fields?: Record<string, unknown>) => void lines.push({ level, event, fields });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

function storeWith(...updates: Uint8Array[]): MemoryDocumentStore {
  const store = new MemoryDocumentStore({ failAppend: () => false, delay: async () => {} });
  for (const update of updates) void store.append(MEETING, update);
  return store;
}

function peer(id: string): Peer & { closed: { code: number; reason: string } | null } {
  return {
    id,
    readOnly: false,
    closed: null,
    send() {},
    close(code, reason) {
      this.closed = { code, reason };
    },
  };
}

/** The update a client holding `state` sends for `edit`. */
function editOf(state: Uint8Array, edit: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const before = Y.encodeStateVector(doc);
  edit(doc);
  return Y.encodeStateAsUpdate(doc, before);
}

describe('a live document', () => {
  const base = initialMinutesUpdate(baseMinutes());

  it('refuses a stored document that is not valid minutes on load, and logs why', async () => {
    const log = recordingLog();
    const store = storeWith(base, editOf(base, HOSTILE_EDITS.find((e) => e.name === 'an unknown element')!.edit));
    await expect(LiveDocument.load(MEETING, store, log)).rejects.toEqual(expect.objectContaining({ kind: 'unavailable' }));
    await expect(LiveDocument.load(MEETING, store, log)).rejects.toBeInstanceOf(DomainError);
    expect(log.lines[0]).toMatchObject({ level: 'error', event: 'collab.load_failed' });
    expect(String(log.lines[0]!.fields!.error)).toContain("element 'script' is not a node of the minutes");
  });

  it("applies a batch of several peers' updates and a server change as one commit, and keeps the server's own client id", async () => {
    const store = storeWith(base);
    const live = await LiveDocument.load(MEETING, store, recordingLog());
    const [a, b] = [peer('a'), peer('b')];
    live.addPeer(a);
    live.addPeer(b);
    let serverClient = 0;
    live.receive(a, { kind: 'update', update: editOf(base, (doc) => appendParagraph(doc, 'from a')) });
    // Yjs takes a transaction that applies others' updates and also writes under the document's
    // own client id for a clash of ids, and changes the id: the server change gets its own.
    const served = live.change((doc) => {
      serverClient = doc.clientID;
      appendParagraph(doc, 'from the server');
    });
    live.receive(b, { kind: 'update', update: editOf(base, (doc) => appendParagraph(doc, 'from b')) });
    await served;
    await live.flushed();
    expect(store.appends).toBe(2);
    await live.change((doc) => expect(doc.clientID).toBe(serverClient));
    const stored = store.replay(MEETING);
    const texts = stored.getXmlFragment(MINUTES_FRAGMENT).toArray().map((node) => (node as Y.XmlElement).toString());
    expect(texts.filter((t) => /from (a|b|the server)/.test(t))).toHaveLength(3);
    expect(a.closed).toBeNull();
    expect(b.closed).toBeNull();
  });

  it('commits nothing of a batch whose result is not valid minutes, and drops itself (peers reconnect)', async () => {
    const store = storeWith(base);
    const live = await LiveDocument.load(MEETING, store, recordingLog());
    const a = peer('a');
    live.addPeer(a);
    const typed = editOf(base, (doc) => appendParagraph(doc, 'typed in the same batch'));
    // A server change is trusted code; one that writes non-node content is a bug, caught the
    // same way as content a client update let in after its check (the case with no rollback).
    const bad = live.change((doc) => doc.getXmlFragment(MINUTES_FRAGMENT).insert(0, ['not a node' as never]));
    live.receive(a, { kind: 'update', update: typed });
    await expect(bad).rejects.toThrow('no longer valid minutes: a value directly in the document');
    await live.flushed();
    expect(live.isFailed).toBe(true);
    expect(a.closed?.code).toBe(CloseCode.tryAgainLater);
    expect(store.appends).toBe(1);
    const stored = store.replay(MEETING);
    expect(stored.getXmlFragment(MINUTES_FRAGMENT).length).toBe(4);
  });
});
