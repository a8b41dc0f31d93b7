import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { MINUTES_FRAGMENT } from '../../../shared/editor/schema.js';
import { appendParagraph } from '../test/yClient.js';
import { ClientIdOwners } from './clientIds.js';
import { integratePeerUpdate, type UpdateAuthor } from './integrateUpdate.js';
import { peerLimits, PeerRefusal } from './peerLimits.js';
import { WaitingContent } from './waitingContent.js';

const limits = peerLimits();

/** Applies as the pipeline does, recording what it was asked to apply. */
function applier(doc: Y.Doc, seen: { v2: boolean }[] = []) {
  return (update: Uint8Array, v2: boolean) => {
    seen.push({ v2 });
    (v2 ? Y.applyUpdateV2 : Y.applyUpdate)(doc, update);
  };
}

function author(owner: string): UpdateAuthor {
  return { owner, waiting: new WaitingContent(), claimed: 0 };
}

/** One client's paragraphs as separate updates, in the order it wrote them. */
function typedUpdates(clientId: number, words: string[]): Uint8Array[] {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (const word of words) appendParagraph(doc, word);
  return updates;
}

function text(doc: Y.Doc): string {
  return doc.getXmlFragment(MINUTES_FRAGMENT).toArray().map((p) => (p as Y.XmlElement).get(0)!.toString()).join('');
}

function refusal(run: () => void): PeerRefusal {
  try {
    run();
  } catch (error) {
    if (error instanceof PeerRefusal) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('content that depends on what the document does not have', () => {
  it('waits per connection, out of the shared store, and is integrated once its dependencies arrive', () => {
    const server = new Y.Doc();
    const owners = new ClientIdOwners();
    const alice = author('alice');
    const [first, second, third] = typedUpdates(111, ['one ', 'two ', 'three']);

    integratePeerUpdate(server, owners, alice, second!, limits, applier(server));
    expect(text(server)).toBe('');
    expect(alice.waiting.empty).toBe(false);
    // Nothing of it stays in the shared store, where others' sync answers would pick it up.
    expect(server.store.pendingStructs).toBeNull();
    expect(Y.encodeStateAsUpdate(server)).toEqual(Y.encodeStateAsUpdate(new Y.Doc()));

    integratePeerUpdate(server, owners, alice, third!, limits, applier(server));
    expect(alice.waiting.empty).toBe(false);

    const seen: { v2: boolean }[] = [];
    integratePeerUpdate(server, owners, alice, first!, limits, applier(server, seen));
    expect(text(server)).toBe('one two three');
    // The waiting content went through the same checked apply as the update itself.
    expect(seen).toEqual([{ v2: false }, { v2: true }]);
    expect(alice.waiting.empty).toBe(true);
  });

  it("another connection's updates never integrate someone's waiting content", () => {
    const server = new Y.Doc();
    const owners = new ClientIdOwners();
    const alice = author('alice');
    const [, aliceSecond] = typedUpdates(111, ['a1 ', 'a2 ']);
    integratePeerUpdate(server, owners, alice, aliceSecond!, limits, applier(server));
    const [bobFirst] = typedUpdates(222, ['b1 ']);
    integratePeerUpdate(server, owners, author('bob'), bobFirst!, limits, applier(server));
    expect(text(server)).toBe('b1 ');
    expect(server.store.pendingStructs).toBeNull();
    expect(alice.waiting.empty).toBe(false);
  });

  it('refuses a connection whose waiting content grows beyond the limit (4400)', () => {
    const server = new Y.Doc();
    const updates = typedUpdates(111, ['x', 'y'.repeat(4000)]);
    const refused = refusal(() => integratePeerUpdate(server, new ClientIdOwners(), author('alice'), updates[1]!, peerLimits({ maxPendingBytes: 1000 }), applier(server)));
    expect(refused.code).toBe(CloseCode.malformedMessage);
    expect(refused.message).toBe('update depends on missing content');
  });

  it('refuses writes under a client id owned by someone else with 4403, applying nothing', () => {
    const server = new Y.Doc();
    const owners = new ClientIdOwners([{ clientId: 111, userId: 'alice' }]);
    const [forged] = typedUpdates(111, ['forged']);
    expect(refusal(() => integratePeerUpdate(server, owners, author('bob'), forged!, limits, applier(server))).code).toBe(CloseCode.forbidden);
    expect(text(server)).toBe('');
  });
});
