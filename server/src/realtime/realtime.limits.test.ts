import { io as ioClient, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { useTestServer } from '../test/testServer.js';
import { waitFor } from '../test/yClient.js';

const t = useTestServer({ peerLimits: { maxBufferedBytes: 256 * 1024, realtimeEventBurst: 20, realtimeEventsPerSecond: 10 } });
const sockets: Socket[] = [];
afterEach(() => sockets.splice(0).forEach((s) => s.close()));

function connect(): Promise<Socket> {
  const socket = ioClient(t.url, { transports: ['websocket'], extraHeaders: { cookie: t.admin.cookie! }, reconnection: false });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

function disconnected(socket: Socket): Promise<string> {
  return new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
}

describe('socket.io limits', () => {
  it('serves a websocket only: a long-polling session, which would need a sticky load balancer, is refused', async () => {
    const polling = await fetch(`${t.url}/socket.io/?EIO=4&transport=polling`, { headers: { cookie: t.admin.cookie! } });
    expect(polling.status).toBe(400);
    expect(await polling.json()).toEqual({ code: 0, message: 'Transport unknown' });
    expect((await connect()).connected).toBe(true);
  });

  it('disconnects a client that floods events (each watch is a database query)', async () => {
    const socket = await connect();
    const gone = disconnected(socket);
    for (let i = 0; i < 200; i++) socket.emit('meeting:watch', '00000000-0000-0000-0000-000000000000', () => {});
    expect(await gone).toBe('io server disconnect');
  });

  it('disconnects a client sending a message larger than it ever needs', async () => {
    const socket = await connect();
    const gone = disconnected(socket);
    socket.emit('meeting:watch', 'x'.repeat(100_000), () => {});
    expect(await gone).toMatch(/transport (close|error)/);
  });

  it('stops producing for a client that does not read', async () => {
    const socket = await connect();
    const group = await t.admin.createGroup();
    // The client stops reading its websocket.
    const ws = (socket.io.engine.transport as unknown as { ws: { _socket: { pause(): void; resume(): void } } }).ws;
    ws._socket.pause();
    let received = 0;
    socket.on('actionItems:changed', () => received++);
    const gone = disconnected(socket);
    // Events of 1 MB each (a real server emitting through its real rooms: admins get them all).
    const big = 'm'.repeat(1024 * 1024);
    for (let i = 0; i < 40; i++) {
      t.server.ctx.realtime.actionItemsChanged(`${big}${i}`, group.id);
      await new Promise((r) => setImmediate(r));
    }
    ws._socket.resume();
    await gone;
    await waitFor(() => !socket.connected, 5000, 'disconnected');
    expect(received).toBeLessThan(40);
  });
});
