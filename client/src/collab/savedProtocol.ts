import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MessageType } from '../../../shared/collab/protocol.js';

/** Sub-types of a y-protocols sync message. */
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

function bytesOf(data: unknown): Uint8Array | null {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

/**
 * True for an outgoing frame that the server counts towards "saved": a sync message whose
 * sub-type is step 2 or update (both carry a Yjs update, possibly empty). Sync step 1,
 * awareness and anything undecodable are not counted.
 */
export function isUpdateBearing(data: unknown): boolean {
  const bytes = bytesOf(data);
  if (!bytes || bytes.length < 2) return false;
  try {
    const decoder = decoding.createDecoder(bytes);
    if (decoding.readVarUint(decoder) !== MessageType.sync) return false;
    const sub = decoding.readVarUint(decoder);
    return sub === SYNC_STEP2 || sub === SYNC_UPDATE;
  } catch {
    return false;
  }
}

/** `[varUint 100, varUint count]`, as the server sends it (used by tests). */
export function encodeSavedMessage(count: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.saved);
  encoding.writeVarUint(encoder, count);
  return encoding.toUint8Array(encoder);
}
