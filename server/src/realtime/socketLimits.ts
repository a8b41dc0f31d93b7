import type { Socket } from 'socket.io';
import type { WebSocket } from 'ws';
import { closeSlowConsumer } from '../collab/backpressure.js';
import { TokenBucket, type PeerLimits } from '../collab/peerLimits.js';
import type { Logger } from '../logger.js';

/** The parts of engine.io's connection that hold what is not yet sent (not in its typings). */
interface EngineConnection {
  writeBuffer: { data?: unknown }[];
  transport: { name: string; socket?: WebSocket };
  on(event: 'packetCreate', listener: () => void): void;
  close(discard: boolean): void;
}

/**
 * The collab endpoint's limits, for socket.io: a client sending more than
 * `realtimeEventsPerSecond` events (each `meeting:watch` costs a database query) is
 * disconnected, and so is one that stops reading once what waits for it (engine.io's write
 * buffer plus the websocket's unsent bytes) exceeds `maxBufferedBytes`. Incoming messages are
 * capped by socket.io's `maxHttpBufferSize`.
 */
export function limitSocket(socket: Socket, limits: PeerLimits, log: Logger): void {
  const events = new TokenBucket(limits.realtimeEventBurst, limits.realtimeEventsPerSecond);
  socket.use((_packet, next) => {
    if (events.take()) return next();
    log.warn('realtime.too_many_events', { user: socket.data.actor?.user.id });
    socket.disconnect(true);
  });
  const conn = socket.conn as unknown as EngineConnection;
  conn.on('packetCreate', () => {
    const buffered = bufferedBytes(conn);
    if (buffered <= limits.maxBufferedBytes) return;
    log.warn('realtime.slow_consumer', { user: socket.data.actor?.user.id, buffered });
    if (conn.transport.socket) closeSlowConsumer(conn.transport.socket, `not reading: ${buffered} bytes unsent`);
    conn.close(true);
  });
}

function bufferedBytes(conn: EngineConnection): number {
  let bytes = conn.transport.name === 'websocket' ? (conn.transport.socket?.bufferedAmount ?? 0) : 0;
  for (const packet of conn.writeBuffer) {
    const data = packet.data;
    bytes += typeof data === 'string' ? data.length : data instanceof Uint8Array ? data.byteLength : 16;
  }
  return bytes;
}
