import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { writeUpdate } from '../test/fuzz/updateWriter.js';
import { ClientIdOwners, freshServerClientId, SERVER_OWNER } from './clientIds.js';

const ALICE = 'user-alice';
const BOB = 'user-bob';

/**
 * A client doc that starts from the server's state and writes under `clientId` (set after the
 * load: Yjs itself moves a doc off an id it sees others using, a forger does not).
 */
function clientDoc(server: Y.Doc, clientId: number): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
  doc.clientID = clientId;
  return doc;
}

/** What `doc` has that `server` has not, as a client would send it. */
function diff(doc: Y.Doc, server: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(doc, Y.encodeStateVector(server));
}

function apply(server: Y.Doc, owners: ClientIdOwners, owner: string, update: Uint8Array) {
  const verdict = owners.check(owner, Y.decodeUpdate(update), server, 64);
  if (verdict.ok) {
    owners.claim(owner, verdict.claims);
    Y.applyUpdate(server, update);
  }
  return verdict;
}

describe('client ids bound to their author', () => {
  it('the first writer owns a client id; new content under it from another user is refused', () => {
    const server = new Y.Doc();
    const owners = new ClientIdOwners();
    const alice = clientDoc(server, 111);
    alice.getText('t').insert(0, 'alice');
    expect(apply(server, owners, ALICE, diff(alice, server))).toEqual({ ok: true, claims: [111] });

    // Bob forges structs at Alice's next clocks.
    const forger = clientDoc(server, 111);
    forger.getText('t').insert(0, 'forged ');
    const verdict = apply(server, owners, BOB, diff(forger, server));
    expect(verdict).toEqual({ ok: false, refusal: 'notYours', reason: 'writes under client id 111, which belongs to someone else' });
    expect(server.getText('t').toString()).toBe('alice');

    // Alice's own next edit at those clocks is accepted and integrated.
    alice.getText('t').insert(5, ' again');
    expect(apply(server, owners, ALICE, diff(alice, server)).ok).toBe(true);
    expect(server.getText('t').toString()).toBe('alice again');
    expect(owners.takeUnsaved()).toEqual([{ clientId: 111, userId: ALICE }]);
  });

  it('accepts content the document already has, whoever re-sends it (sync races)', () => {
    const server = new Y.Doc();
    const owners = new ClientIdOwners();
    const alice = clientDoc(server, 111);
    alice.getText('t').insert(0, 'alice');
    const aliceUpdate = diff(alice, server);
    apply(server, owners, ALICE, aliceUpdate);
    expect(apply(server, owners, BOB, aliceUpdate)).toEqual({ ok: true, claims: [] });
  });

  it("allows deleting other people's text, but not deleting content of theirs that does not exist yet", () => {
    const server = new Y.Doc();
    const owners = new ClientIdOwners();
    const alice = clientDoc(server, 111);
    alice.getText('t').insert(0, 'alice');
    apply(server, owners, ALICE, diff(alice, server));

    const bob = clientDoc(server, 222);
    bob.getText('t').delete(0, 2);
    expect(apply(server, owners, BOB, diff(bob, server)).ok).toBe(true);
    expect(server.getText('t').toString()).toBe('ice');

    // A delete set aimed at Alice's clocks 5..50, which she has not typed yet.
    const preDelete = deleteOnlyUpdate(111, 5, 45);
    const verdict = owners.check(BOB, Y.decodeUpdate(preDelete), server, 64);
    expect(verdict).toEqual({ ok: false, refusal: 'notYours', reason: 'deletes content of client id 111 that does not exist yet' });
    // Alice herself may (an honest client deletes its own offline edits before they arrive).
    expect(owners.check(ALICE, Y.decodeUpdate(preDelete), server, 64).ok).toBe(true);
  });

  it('persisted owners survive a reload; ids in the stored document without an owner are claimed by the first writer', () => {
    const server = new Y.Doc();
    const template = clientDoc(server, 999);
    template.getText('t').insert(0, 'template');
    Y.applyUpdate(server, diff(template, server));

    const owners = new ClientIdOwners([{ clientId: 111, userId: ALICE }, { clientId: 5, userId: null }]);
    expect(owners.ownerOf(111)).toBe(ALICE);
    expect(owners.ownerOf(5)).toBe(SERVER_OWNER);

    const bob = clientDoc(server, 999);
    bob.getText('t').insert(0, 'x');
    expect(apply(server, owners, BOB, diff(bob, server))).toEqual({ ok: true, claims: [999] });
    const alice = clientDoc(server, 999);
    alice.getText('t').insert(0, 'y');
    expect(apply(server, owners, ALICE, diff(alice, server)).ok).toBe(false);
  });

  it('an id announced in awareness is claimed for its user and recorded, as a first write is', () => {
    const server = new Y.Doc();
    const owners = new ClientIdOwners();
    expect(owners.claimAnnounced(ALICE, 111)).toBe(true);
    expect(owners.claimAnnounced(BOB, 111)).toBe(false);
    const forger = clientDoc(server, 111);
    forger.getText('t').insert(0, 'forged');
    expect(owners.check(BOB, Y.decodeUpdate(diff(forger, server)), server, 64).ok).toBe(false);
    expect(owners.takeUnsaved()).toEqual([{ clientId: 111, userId: ALICE }]);
    // Alice's own first write needs no further claim.
    const alice = clientDoc(server, 111);
    alice.getText('t').insert(0, 'alice');
    expect(owners.check(ALICE, Y.decodeUpdate(diff(alice, server)), server, 64)).toEqual({ ok: true, claims: [] });
  });

  it('limits how many new client ids one connection may start writing under', () => {
    const server = new Y.Doc();
    const owners = new ClientIdOwners();
    const updates = [1, 2, 3].map((id) => {
      const doc = clientDoc(server, id);
      doc.getText('t').insert(0, String(id));
      return diff(doc, server);
    });
    const verdict = owners.check(ALICE, Y.decodeUpdate(Y.mergeUpdates(updates)), server, 2);
    expect(verdict).toEqual({ ok: false, refusal: 'tooManyIds', reason: 'writes under 3 new client ids' });
  });

  it('refuses client ids beyond 32 bits (Yjs never makes them), in structs and in deletions', () => {
    const server = new Y.Doc();
    const owners = new ClientIdOwners();
    const wide = writeUpdate([{ client: 2 ** 40, clock: 0, structs: [{ content: { ref: 4, text: 'x' } }] }]);
    expect(owners.check(ALICE, Y.decodeUpdate(wide), server, 64)).toEqual({ ok: false, refusal: 'malformed', reason: 'client id out of range' });
    expect(owners.check(ALICE, Y.decodeUpdate(deleteOnlyUpdate(2 ** 33, 0, 1)), server, 64)).toMatchObject({ ok: false, refusal: 'malformed' });
  });

  it('refuses clocks no editor reaches (beyond 2^53 two structs would share an id and replicas diverge)', () => {
    const server = new Y.Doc();
    const owners = new ClientIdOwners();
    const gc = writeUpdate([{ client: 5, clock: 0, structs: [{ gc: Number.MAX_SAFE_INTEGER }] }]);
    expect(owners.check(ALICE, Y.decodeUpdate(gc), server, 64)).toEqual({ ok: false, refusal: 'malformed', reason: 'clock out of range' });
    const late = writeUpdate([{ client: 5, clock: 2 ** 53, structs: [{ content: { ref: 4, text: 'x' } }] }]);
    expect(owners.check(ALICE, Y.decodeUpdate(late), server, 64)).toMatchObject({ ok: false, reason: 'clock out of range' });
    expect(owners.check(ALICE, Y.decodeUpdate(deleteOnlyUpdate(5, 2 ** 45, 1)), server, 64)).toMatchObject({ ok: false, reason: 'clock out of range' });
  });

  it('gives the server doc an id nobody has used', () => {
    const server = new Y.Doc();
    const taken = server.clientID;
    const other = clientDoc(server, taken);
    other.getText('t').insert(0, 'x');
    Y.applyUpdate(server, diff(other, server));
    const owners = new ClientIdOwners([{ clientId: 7, userId: ALICE }]);
    server.clientID = taken;
    freshServerClientId(server, owners);
    expect(server.clientID).not.toBe(taken);
    expect(owners.ownerOf(server.clientID)).toBe(SERVER_OWNER);
  });
});

/** A V1 update with no structs and one deletion range (client, clock, len). */
function deleteOnlyUpdate(client: number, clock: number, len: number): Uint8Array {
  const bytes = [0, 1, ...varUint(client), 1, ...varUint(clock), ...varUint(len)];
  return new Uint8Array(bytes);
}

function varUint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push(0x80 | (n & 0x7f));
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
