import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MessageType } from '../../../shared/collab/protocol.js';
import { syncStep2Message } from './messages.js';

/** The message as y-protocols writes it: what every y-websocket client reads. */
function asYProtocolsWrites(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

describe('syncStep2Message', () => {
  it('is byte for byte the sync step 2 y-protocols writes, for a newcomer and for a client holding part', () => {
    const doc = new Y.Doc();
    // Long enough that the update's length takes a multi-byte varuint.
    doc.getText('minutes').insert(0, 'قرر الفريق العامل متابعة التوصيات. '.repeat(400));
    const held = new Y.Doc();
    Y.applyUpdate(held, Y.encodeStateAsUpdate(doc));
    doc.getText('minutes').insert(0, 'البند 1: ');
    for (const stateVector of [Y.encodeStateVector(new Y.Doc()), Y.encodeStateVector(held)]) {
      expect(syncStep2Message(doc, stateVector)).toEqual(asYProtocolsWrites(doc, stateVector));
    }
  });
});
