import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MessageType } from '../../../shared/collab/protocol.js';

export function syncStep1Message(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function syncStep2Message(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return syncStep2Of(Y.encodeStateAsUpdate(doc, stateVector));
}

/**
 * A sync step 2 carrying `update`, framed as y-protocols' writeSyncStep2 frames it, with the
 * update copied once (the whole minutes may be a megabyte).
 */
export function syncStep2Of(update: Uint8Array): Uint8Array {
  const head = encoding.createEncoder();
  encoding.writeVarUint(head, MessageType.sync);
  encoding.writeVarUint(head, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint(head, update.byteLength);
  const prefix = encoding.toUint8Array(head);
  const message = new Uint8Array(prefix.byteLength + update.byteLength);
  message.set(prefix);
  message.set(update, prefix.byteLength);
  return message;
}

export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

