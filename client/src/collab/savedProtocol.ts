import { isDocumentUpdateMessage } from '../../../shared/collab/protocol.js';

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
  if (!bytes) return false;
  return isDocumentUpdateMessage(bytes);
}

export { encodeSavedMessage } from '../../../shared/collab/protocol.js';
