import type { WebSocket } from 'ws';
import { encodeHeartbeatMessage } from '../../../shared/collab/protocol.js';

/**
 * A peer that has sent nothing (not even the pong to our pings) for this many intervals is
 * gone. Three leaves room for two slow round trips before a live but slow link is cut.
 */
const DEAD_AFTER_INTERVALS = 3;

export interface Heartbeat {
  /**
   * Looks after a socket from its upgrade on (also while it is authorized and its document
   * loads) until it closes. `onDead` runs when it is terminated for silence.
   */
  watch(ws: WebSocket, onDead: () => void): void;
  stop(): void;
}

/**
 * One timer for all collab sockets. Each tick sends every open socket the heartbeat message,
 * which is how a browser tells a live link from a dead one (it cannot see websocket pings),
 * and a websocket ping, which browsers answer with a pong on their own. A socket silent for
 * `DEAD_AFTER_INTERVALS` is terminated rather than closed: a closing handshake with a peer
 * that cannot answer would wait 30 s, and until its `close` runs the peer's carets stay on
 * everyone's screen.
 */
export function startHeartbeat(intervalMs: number): Heartbeat {
  const frame = encodeHeartbeatMessage(intervalMs);
  const deadAfterMs = DEAD_AFTER_INTERVALS * intervalMs;
  const watched = new Map<WebSocket, { lastHeard: number; onDead: () => void }>();

  const timer = setInterval(() => {
    const now = Date.now();
    for (const [ws, entry] of watched) {
      if (now - entry.lastHeard > deadAfterMs) {
        watched.delete(ws);
        entry.onDead();
        ws.terminate();
      } else if (ws.readyState === ws.OPEN) {
        ws.send(frame);
        ws.ping();
      }
    }
  }, intervalMs);
  timer.unref();

  return {
    watch(ws, onDead) {
      const entry = { lastHeard: Date.now(), onDead };
      watched.set(ws, entry);
      const heard = () => (entry.lastHeard = Date.now());
      ws.on('pong', heard);
      ws.on('message', heard);
      ws.once('close', () => watched.delete(ws));
      // At once, so that the client learns the interval before its own default runs out.
      if (ws.readyState === ws.OPEN) ws.send(frame);
    },
    stop() {
      clearInterval(timer);
      watched.clear();
    },
  };
}
