import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { integratesWhole } from './integratesWhole.js';

/** Two writers' docs and what each change of theirs sends (as a row of the log). */
function writers() {
  const a = new Y.Doc();
  a.clientID = 1;
  const b = new Y.Doc();
  b.clientID = 2;
  const change = (doc: Y.Doc, edit: (text: Y.Text) => void) => {
    const before = Y.encodeStateVector(doc);
    edit(doc.getText('minutes'));
    return Y.encodeStateAsUpdate(doc, before);
  };
  return { a, b, change };
}

/** Applies `update` and says whether Yjs left anything pending: what the check must foresee. */
function leavesPending(doc: Y.Doc, update: Uint8Array): boolean {
  Y.applyUpdate(doc, update);
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

describe('whether an update integrates whole', () => {
  it('is true for rows in order, and for a row of two writers where one builds on the other', () => {
    const { a, b, change } = writers();
    const reader = new Y.Doc();
    const first = change(a, (t) => t.insert(0, 'محضر'));
    expect(integratesWhole(reader, first)).toBe(true);
    expect(leavesPending(reader, first)).toBe(false);
    Y.applyUpdate(b, first);
    const second = change(b, (t) => t.insert(4, ' الجلسة'));
    Y.applyUpdate(a, second);
    const third = change(a, (t) => t.insert(t.length, ' الثانية'));
    // One process's batch merges several people's changes into one row.
    const merged = Y.mergeUpdates([second, third]);
    expect(integratesWhole(reader, merged)).toBe(true);
    expect(leavesPending(reader, merged)).toBe(false);
  });

  it('is false when a row of the same writer is missing before it', () => {
    const { a, change } = writers();
    const reader = new Y.Doc();
    const first = change(a, (t) => t.insert(0, 'أ'));
    const second = change(a, (t) => t.insert(1, 'ب'));
    expect(integratesWhole(reader, second)).toBe(false);
    expect(leavesPending(new Y.Doc(), second)).toBe(true);
    Y.applyUpdate(reader, first);
    expect(integratesWhole(reader, second)).toBe(true);
  });

  it('is false when it is placed next to, or deletes, what another writer wrote in a missing row', () => {
    const { a, b, change } = writers();
    const reader = new Y.Doc();
    const base = change(a, (t) => t.insert(0, 'بند'));
    Y.applyUpdate(reader, base);
    Y.applyUpdate(b, base);
    const missing = change(a, (t) => t.insert(3, ' أول'));
    Y.applyUpdate(b, missing);
    const after = change(b, (t) => t.insert(7, '!'));
    const deletes = change(b, (t) => t.delete(4, 2));
    const other = new Y.Doc();
    Y.applyUpdate(other, base);
    expect(integratesWhole(reader, after)).toBe(false);
    expect(leavesPending(other, after)).toBe(true);
    const onlyDeletes = new Y.Doc();
    Y.applyUpdate(onlyDeletes, base);
    expect(integratesWhole(onlyDeletes, deletes)).toBe(false);
    expect(leavesPending(onlyDeletes, deletes)).toBe(true);
    Y.applyUpdate(reader, missing);
    expect(integratesWhole(reader, after)).toBe(true);
    expect(leavesPending(reader, after)).toBe(false);
  });

  it('is false for an update with a gap (a Skip)', () => {
    const { a, change } = writers();
    const first = change(a, (t) => t.insert(0, 'أ'));
    change(a, (t) => t.insert(1, 'ب'));
    const third = change(a, (t) => t.insert(2, 'ت'));
    const gapped = Y.mergeUpdates([first, third]);
    expect(integratesWhole(new Y.Doc(), gapped)).toBe(false);
    expect(leavesPending(new Y.Doc(), gapped)).toBe(true);
  });
});
