import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { ClientIdOwners } from './clientIds.js';
import { departedAuthor, integratePeerUpdate, savedThrough } from './integrateUpdate.js';
import { peerLimits } from './peerLimits.js';

const limits = peerLimits();

/** One client's edits as separate updates, in the order it made them. */
function typedUpdates(clientId: number, words: string[]): Uint8Array[] {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (const word of words) doc.getText('t').insert(doc.getText('t').length, word);
  return updates;
}

describe('content that depends on what the document does not have', () => {
  it('waits per connection, is never counted as saved, and is integrated once its dependencies arrive', () => {
    const server = new Y.Doc();
    const owners = new ClientIdOwners();
    const alice = departedAuthor('alice');
    const [first, second, third] = typedUpdates(111, ['one ', 'two ', 'three']);

    // Message 1 carries the second edit: it cannot be integrated yet.
    expect(integratePeerUpdate(server, null, owners, alice, second!, 1, limits)).toEqual({ ok: true });
    expect(server.getText('t').toString()).toBe('');
    expect(savedThrough(alice, 1)).toBe(0);
    // Nothing of it stays in the shared store, where others' sync answers would pick it up.
    expect(server.store.pendingStructs).toBeNull();
    expect(Y.encodeStateAsUpdate(server)).toEqual(Y.encodeStateAsUpdate(new Y.Doc()));

    // Message 2 carries the third edit: still waiting, still not saved.
    integratePeerUpdate(server, null, owners, alice, third!, 2, limits);
    expect(savedThrough(alice, 2)).toBe(0);

    // Message 3 fills the gap: everything is integrated and all three messages count.
    integratePeerUpdate(server, null, owners, alice, first!, 3, limits);
    expect(server.getText('t').toString()).toBe('one two three');
    expect(savedThrough(alice, 3)).toBe(3);
  });

  it("another connection's updates never integrate someone's waiting content", () => {
    const server = new Y.Doc();
    const owners = new ClientIdOwners();
    const alice = departedAuthor('alice');
    const [, aliceSecond] = typedUpdates(111, ['a1 ', 'a2 ']);
    integratePeerUpdate(server, null, owners, alice, aliceSecond!, 1, limits);
    const [bobFirst] = typedUpdates(222, ['b1 ']);
    expect(integratePeerUpdate(server, null, owners, departedAuthor('bob'), bobFirst!, 1, limits)).toEqual({ ok: true });
    expect(server.getText('t').toString()).toBe('b1 ');
    expect(server.store.pendingStructs).toBeNull();
    expect(savedThrough(alice, 1)).toBe(0);
  });

  it('refuses a connection whose waiting content grows beyond the limit', () => {
    const server = new Y.Doc();
    const updates = typedUpdates(111, ['x', 'y'.repeat(4000)]);
    const result = integratePeerUpdate(server, null, new ClientIdOwners(), departedAuthor('alice'), updates[1]!, 1, peerLimits({ maxPendingBytes: 1000 }));
    expect(result).toEqual({ ok: false, code: CloseCode.malformedMessage, reason: 'update depends on missing content' });
  });

  it('refuses writes under a client id owned by someone else with 4403, applying nothing', () => {
    const server = new Y.Doc();
    const owners = new ClientIdOwners([{ clientId: 111, userId: 'alice' }]);
    const [forged] = typedUpdates(111, ['forged']);
    const result = integratePeerUpdate(server, null, owners, departedAuthor('bob'), forged!, 1, limits);
    expect(result).toMatchObject({ ok: false, code: CloseCode.forbidden });
    expect(server.getText('t').toString()).toBe('');
  });
});
