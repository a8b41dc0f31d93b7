import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MessageType } from '../../../shared/collab/protocol.js';
import { FullStateMessage } from './fullStateMessage.js';

const NOTHING = Y.encodeStateVector(new Y.Doc());

/** The update a client receives in a sync step 2 message. */
function updateOf(message: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(message);
  expect(decoding.readVarUint(decoder)).toBe(MessageType.sync);
  expect(decoding.readVarUint(decoder)).toBe(syncProtocol.messageYjsSyncStep2);
  const update = decoding.readVarUint8Array(decoder);
  expect(decoding.hasContent(decoder)).toBe(false);
  return update;
}

/** What a client holding `held` reads after applying the answer. */
function clientReads(message: Uint8Array, held?: Uint8Array): string {
  const client = new Y.Doc();
  if (held) Y.applyUpdate(client, held);
  Y.applyUpdate(client, updateOf(message));
  return client.getText('minutes').toString();
}

function compacted(text: string): { doc: Y.Doc; row: Uint8Array } {
  const writer = new Y.Doc();
  writer.getText('minutes').insert(0, text);
  const row = Y.encodeStateAsUpdate(writer);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, row);
  return { doc, row };
}

describe('the answer to a client holding nothing', () => {
  it('is the one stored update a document was loaded from, as stored, until the document changes', () => {
    const { doc, row } = compacted('قرر الفريق العامل متابعة التوصيات');
    const answers = new FullStateMessage(doc, row);
    const first = answers.answer(NOTHING);
    expect(updateOf(first)).toEqual(row);
    expect(clientReads(first)).toBe('قرر الفريق العامل متابعة التوصيات');
    // The next newcomer gets the same message, not a new encoding.
    expect(answers.answer(NOTHING)).toBe(first);

    doc.getText('minutes').insert(0, 'البند 1: ');
    const after = answers.answer(NOTHING);
    expect(clientReads(after)).toBe('البند 1: قرر الفريق العامل متابعة التوصيات');
    expect(answers.answer(NOTHING)).toBe(after);
  });

  it('follows deletions and changes applied from elsewhere', () => {
    const { doc, row } = compacted('Agreed: the working group meets in March');
    const answers = new FullStateMessage(doc, row);
    answers.answer(NOTHING);
    const other = new Y.Doc();
    Y.applyUpdate(other, row);
    other.getText('minutes').delete(0, 8);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)));
    expect(clientReads(answers.answer(NOTHING))).toBe('the working group meets in March');
  });

  it('is encoded from the document when it was not built from one update', () => {
    const doc = new Y.Doc();
    doc.getText('minutes').insert(0, 'first');
    doc.getText('minutes').insert(5, ' and second');
    expect(clientReads(new FullStateMessage(doc, null).answer(NOTHING))).toBe('first and second');
  });
});

describe('the answer to a client holding part of the minutes', () => {
  it('holds only what that client lacks', () => {
    const { doc, row } = compacted('Item one.');
    const answers = new FullStateMessage(doc, row);
    doc.getText('minutes').insert(9, ' Item two.');
    const held = row;
    const heldVector = Y.encodeStateVectorFromUpdate(held);
    const answer = answers.answer(heldVector);
    expect(updateOf(answer).byteLength).toBeLessThan(row.byteLength);
    expect(clientReads(answer, held)).toBe('Item one. Item two.');
  });
});
