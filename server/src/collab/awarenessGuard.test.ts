import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { AwarenessGuard, encodeAwarenessEntries } from './awarenessGuard.js';
import { jsonDepth } from './awarenessState.js';
import { ClientIdOwners } from './clientIds.js';
import { peerLimits, PeerRefusal, type PeerLimits } from './peerLimits.js';

interface TestPeer {
  name: string;
}

const cursor = {
  anchor: { type: { client: 7, clock: 3 }, tname: null, item: { client: 7, clock: 9 }, assoc: 0 },
  head: { type: { client: 7, clock: 3 }, tname: null, item: null, assoc: -1 },
};
const VALID = { user: { name: 'سارة الكندري', color: '#1a5fb4' }, cursor };

function entry(clientId: number, clock: number, state: unknown) {
  const json = JSON.stringify(state);
  return { clientId, clock, json, state };
}

function update(...entries: ReturnType<typeof entry>[]): Uint8Array {
  return encodeAwarenessEntries(entries);
}

const awarenesses: awarenessProtocol.Awareness[] = [];
afterEach(() => awarenesses.splice(0).forEach((a) => a.destroy()));

function setup(overrides: Partial<PeerLimits> = {}) {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awarenesses.push(awareness);
  awareness.setLocalState(null);
  const relayed: { peer: TestPeer; update: Uint8Array }[] = [];
  const guard = new AwarenessGuard<TestPeer>(awareness, new ClientIdOwners(), peerLimits(overrides), (u, peer) => {
    relayed.push({ peer, update: u });
    awarenessProtocol.applyAwarenessUpdate(awareness, u, peer);
  });
  return { awareness, guard, relayed };
}

function refusal(run: () => void): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PeerRefusal);
    expect((error as PeerRefusal).code).toBe(CloseCode.malformedMessage);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('awareness from peers', () => {
  it("stores a peer's valid state, including the empty one y-websocket starts with", () => {
    const { awareness, guard } = setup();
    const alice = { name: 'alice' };
    guard.receive(alice, 'user-a', update(entry(11, 1, {})));
    guard.receive(alice, 'user-a', update(entry(11, 2, VALID)));
    expect(awareness.getStates().get(11)).toEqual(VALID);
    expect(guard.release(alice)).toEqual([11]);
  });

  it('refuses states that are too large, too deep, not JSON or not the editor shape, before storing them', () => {
    const { awareness, guard } = setup({ awarenessMaxBytes: 4096, awarenessMaxDepth: 6 });
    const peer = { name: 'mallory' };
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const raw = (json: string) => update({ clientId: 13, clock: 1, json, state: null });
    expect(refusal(() => guard.receive(peer, 'm', raw(deep)))).toBe('awareness state larger than 4096 bytes');
    expect(refusal(() => guard.receive(peer, 'm', raw('['.repeat(50) + ']'.repeat(50))))).toBe('awareness state nested deeper than 6');
    expect(refusal(() => guard.receive(peer, 'm', raw('{"user":')))).toMatch(/^undecodable awareness update/);
    expect(refusal(() => guard.receive(peer, 'm', update(entry(13, 1, { user: { name: 'x', color: 'red;background:url(x)' } }))))).toMatch(
      /^invalid awareness state: state\.user\.color/,
    );
    expect(refusal(() => guard.receive(peer, 'm', update(entry(13, 1, { ...VALID, extra: [1, 2, 3] }))))).toMatch(/^invalid awareness state/);
    expect(refusal(() => guard.receive(peer, 'm', update(entry(13, 1, 'just a string'))))).toMatch(/^invalid awareness state/);
    expect(refusal(() => guard.receive(peer, 'm', new Uint8Array([1, 13, 1, 2, 0x7b, 0x7d, 9])))).toBe('trailing bytes after awareness update');
    expect(awareness.getStates().has(13)).toBe(false);
  });

  it("ignores echoes of other peers' states (y-websocket relays everything back), refuses newer forgeries", () => {
    const { awareness, guard } = setup();
    const alice = { name: 'alice' };
    const bob = { name: 'bob' };
    guard.receive(alice, 'user-a', update(entry(11, 5, VALID)));
    // Bob's client echoes Alice's state, and later announces it timed out: both ignored.
    guard.receive(bob, 'user-b', update(entry(11, 5, VALID), entry(22, 1, VALID)));
    guard.receive(bob, 'user-b', update(entry(11, 6, null)));
    expect(awareness.getStates().get(11)).toEqual(VALID);
    expect(awareness.getStates().get(22)).toEqual(VALID);
    // A newer state for Alice's id from Bob is a forgery.
    expect(refusal(() => guard.receive(bob, 'user-b', update(entry(11, 9, { user: { name: 'not alice', color: '#000' } }))))).toBe(
      'awareness state for client 11 of another connection',
    );
    expect(awareness.getStates().get(11)).toEqual(VALID);
  });

  it("lets a user's new connection take over its id (reconnect before the old socket closed), not another user's", () => {
    const { awareness, guard } = setup();
    const oldSocket = { name: 'alice-1' };
    const newSocket = { name: 'alice-2' };
    guard.receive(oldSocket, 'user-a', update(entry(11, 1, VALID)));
    guard.receive(newSocket, 'user-a', update(entry(11, 2, VALID)));
    expect(guard.release(oldSocket)).toEqual([]);
    expect(awareness.getStates().get(11)).toEqual(VALID);
    expect(guard.release(newSocket)).toEqual([11]);
  });

  it("refuses an id whose content belongs to another user, and more ids than one connection may hold", () => {
    const awareness = new awarenessProtocol.Awareness(new Y.Doc());
    awarenesses.push(awareness);
    const owners = new ClientIdOwners([{ clientId: 11, userId: 'user-a' }]);
    const guard = new AwarenessGuard<TestPeer>(awareness, owners, peerLimits({ awarenessClientsPerConnection: 2 }), (u, p) =>
      awarenessProtocol.applyAwarenessUpdate(awareness, u, p),
    );
    const bob = { name: 'bob' };
    expect(refusal(() => guard.receive(bob, 'user-b', update(entry(11, 1, VALID))))).toBe('awareness state for client 11 of another user');
    guard.receive(bob, 'user-b', update(entry(21, 1, VALID), entry(22, 1, VALID)));
    expect(refusal(() => guard.receive(bob, 'user-b', update(entry(23, 1, VALID))))).toBe('too many awareness client ids');
    // Bob's announcement reserved 21: nobody else may write under it.
    expect(owners.ownerOf(21)).toBe('user-b');
  });

  it('relays at most the configured rate; beyond it only the latest state goes out, shortly after', async () => {
    const { awareness, guard, relayed } = setup({ awarenessUpdatesPerSecond: 5 });
    const alice = { name: 'alice' };
    for (let clock = 1; clock <= 50; clock++) {
      const state = { ...VALID, cursor: { ...cursor, head: { ...cursor.head, assoc: clock } } };
      guard.receive(alice, 'user-a', update(entry(11, clock, state)));
    }
    expect(relayed.length).toBe(5);
    await new Promise((r) => setTimeout(r, 400));
    expect(relayed.length).toBe(6);
    expect((awareness.getStates().get(11) as typeof VALID).cursor.head.assoc).toBe(50);
  });
});

describe('jsonDepth', () => {
  it('counts nesting outside strings only', () => {
    expect(jsonDepth('{"a":[1,{"b":2}]}')).toBe(3);
    expect(jsonDepth('{"a":"[[[[{{{{\\"[["}')).toBe(1);
    expect(jsonDepth('[]'.repeat(1000))).toBe(1);
    expect(jsonDepth('['.repeat(200_000))).toBe(200_000);
  });
});
