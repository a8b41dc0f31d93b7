import * as encoding from 'lib0/encoding';

/**
 * Message types on `/collab/:meetingId`. 0–3 are y-websocket's; the others are Mahdar's own,
 * sent by the server only:
 * - `saved`: after the server has committed the update messages a connection sent, it answers
 *   with the number of them it has made durable so far on that connection, which drives the
 *   "saved" indicator.
 * - `heartbeat`: sent on every connection every interval (from the upgrade on, even while the
 *   document loads), carrying that interval in ms. A connection that has heard nothing for two
 *   intervals is dead: the client shows "offline" and reconnects, instead of waiting for TCP.
 * Plain y-websocket clients ignore them (they log and carry on).
 */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  saved: 100,
  heartbeat: 101,
} as const;

/** The path of a meeting's collab websocket. */
export const COLLAB_PATH_PREFIX = '/collab/';

/**
 * Update messages from read-only connections (observers, approved minutes) are neither applied
 * nor counted: such clients get no `saved` message.
 *
 * True for frames that carry document changes (sync step 2 or update): the ones the server
 * acknowledges with `saved`. Both type bytes are single-byte varints.
 */
export function isDocumentUpdateMessage(message: Uint8Array): boolean {
  return message[0] === MessageType.sync && (message[1] === 1 || message[1] === 2);
}

/** `[varUint 100, varUint count]`: "the first `count` update messages you sent on this connection are durable". */
export function encodeSavedMessage(count: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.saved);
  encoding.writeVarUint(encoder, count);
  return encoding.toUint8Array(encoder);
}

/** `[varUint 101, varUint intervalMs]`: "the link is alive; the next heartbeat comes in `intervalMs`". */
export function encodeHeartbeatMessage(intervalMs: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.heartbeat);
  encoding.writeVarUint(encoder, intervalMs);
  return encoding.toUint8Array(encoder);
}
