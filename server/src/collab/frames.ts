import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { MessageType } from '../../../shared/collab/protocol.js';

/** A client frame, fully decoded and checked. */
export type ClientFrame =
  | { kind: 'syncStep1'; stateVector: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'queryAwareness' };

export class MalformedFrameError extends Error {}

const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

function expectEnd(decoder: decoding.Decoder): void {
  if (decoding.hasContent(decoder)) throw new MalformedFrameError('trailing bytes after message');
}

/**
 * Decodes one websocket frame of the y-websocket protocol. Everything is parsed before anything
 * is applied: a truncated varint, an unknown message type, trailing bytes or a Yjs update that
 * does not decode all throw `MalformedFrameError`, so a bad frame never reaches the document.
 */
export function decodeClientFrame(data: Uint8Array): ClientFrame {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.sync: {
        const syncType = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        expectEnd(decoder);
        if (syncType === SYNC_STEP1) {
          Y.decodeStateVector(payload);
          return { kind: 'syncStep1', stateVector: payload };
        }
        if (syncType === SYNC_STEP2 || syncType === SYNC_UPDATE) {
          Y.decodeUpdate(payload);
          return { kind: 'update', update: payload };
        }
        throw new MalformedFrameError(`unknown sync message type ${syncType}`);
      }
      case MessageType.awareness: {
        const update = decoding.readVarUint8Array(decoder);
        expectEnd(decoder);
        return { kind: 'awareness', update };
      }
      case MessageType.queryAwareness:
        expectEnd(decoder);
        return { kind: 'queryAwareness' };
      default:
        throw new MalformedFrameError(`unknown message type ${type}`);
    }
  } catch (error) {
    if (error instanceof MalformedFrameError) throw error;
    throw new MalformedFrameError(`undecodable message: ${(error as Error).message}`);
  }
}
