import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { AwarenessRelay, PRESENCE_RELAY_MS } from './awarenessRelay.js';

/** A remote client's own presence, as y-protocols applies it from the wire. */
function setRemote(awareness: awarenessProtocol.Awareness, clientId: number, state: object | null): void {
  const remote = new awarenessProtocol.Awareness(new Y.Doc());
  remote.clientID = clientId;
  const meta = awareness.meta.get(clientId);
  remote.meta.set(clientId, { clock: meta?.clock ?? 0, lastUpdated: 0 });
  remote.setLocalState(state);
  awarenessProtocol.applyAwarenessUpdate(awareness, awarenessProtocol.encodeAwarenessUpdate(remote, [clientId]), 'peer');
}

describe('AwarenessRelay (carets of many people)', () => {
  it('relays a burst of caret moves as one message holding each client once, in its latest state', async () => {
    const server = new awarenessProtocol.Awareness(new Y.Doc());
    server.setLocalState(null);
    const sent: Uint8Array[] = [];
    const relay = new AwarenessRelay(server, (message) => sent.push(message));
    server.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => relay.changes([...added, ...updated, ...removed]));

    // Fifty people each move their caret ten times; one of them leaves.
    for (let move = 0; move < 10; move++) for (let c = 1; c <= 50; c++) setRemote(server, c, { cursor: move });
    setRemote(server, 50, null);
    expect(sent).toHaveLength(0);
    await new Promise((r) => setTimeout(r, PRESENCE_RELAY_MS * 3));
    expect(sent).toHaveLength(1);

    const reader = new awarenessProtocol.Awareness(new Y.Doc());
    const decoder = decoding.createDecoder(sent[0]!);
    decoding.readVarUint(decoder); // message type
    awarenessProtocol.applyAwarenessUpdate(reader, decoding.readVarUint8Array(decoder), 'server');
    const states = reader.getStates();
    expect(states.get(1)).toEqual({ cursor: 9 });
    expect(states.get(49)).toEqual({ cursor: 9 });
    expect(states.has(50)).toBe(false);
    server.destroy();
    reader.destroy();
  });

  it('sends nothing once stopped (the document is unloading)', async () => {
    const server = new awarenessProtocol.Awareness(new Y.Doc());
    const sent: Uint8Array[] = [];
    const relay = new AwarenessRelay(server, (message) => sent.push(message));
    relay.changes([7]);
    relay.stop();
    await new Promise((r) => setTimeout(r, PRESENCE_RELAY_MS * 3));
    expect(sent).toHaveLength(0);
    server.destroy();
  });
});
