import type { WebSocket } from 'ws';
import { CloseCode } from '../../../shared/collab/closeCodes.js';

/** How long a closed slow consumer gets to read its close frame before its socket is cut. */
const CLOSE_GRACE_MS = 2000;

/**
 * Sends `message` unless the consumer has stopped reading. A websocket that does not read keeps
 * everything sent to it in the server's memory (`bufferedAmount`); once that exceeds
 * `maxBufferedBytes` the consumer is closed with 1013 (an honest but slow client reconnects and
 * syncs again) and nothing more is produced for it. One message is always allowed into an
 * empty buffer, so a document larger than the limit can still be synced by a client that reads.
 * Returns false when the message was not sent.
 */
export function sendBounded(ws: WebSocket, message: Uint8Array, maxBufferedBytes: number): boolean {
  if (ws.readyState !== ws.OPEN) return false;
  if (ws.bufferedAmount > maxBufferedBytes) {
    closeSlowConsumer(ws, `not reading: ${ws.bufferedAmount} bytes unsent`);
    return false;
  }
  ws.send(message);
  return true;
}

/** Closes with 1013 and, if the consumer does not read even the close frame, cuts the socket. */
export function closeSlowConsumer(ws: WebSocket, reason: string): void {
  if (ws.readyState === ws.CLOSED) return;
  if (ws.readyState !== ws.CLOSING) ws.close(CloseCode.tryAgainLater, reason);
  const cut = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
  cut.unref();
  ws.once('close', () => clearTimeout(cut));
}
