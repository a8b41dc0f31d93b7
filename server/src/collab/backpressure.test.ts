import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { sendBounded } from './backpressure.js';
import { TokenBucket } from './peerLimits.js';

describe('TokenBucket', () => {
  it('allows a burst, then the refill rate', () => {
    let now = 0;
    const bucket = new TokenBucket(3, 1, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    expect(bucket.msUntilNext()).toBe(1000);
    now = 999;
    expect(bucket.take()).toBe(false);
    now = 1000;
    expect(bucket.take()).toBe(true);
    now = 60_000;
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
  });
});

const servers: WebSocketServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

/** A server-side socket and the client connected to it. */
async function connectedPair(): Promise<{ ws: WebSocket; client: WebSocket }> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  servers.push(wss);
  await once(wss, 'listening');
  const serverSide = once(wss, 'connection');
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  await once(client, 'open');
  const [ws] = (await serverSide) as [WebSocket];
  return { ws, client };
}

describe('sendBounded', () => {
  it('stops producing for a consumer that does not read and closes it with 1013', async () => {
    const { ws, client } = await connectedPair();
    // The consumer stops reading.
    (client as unknown as { _socket: { pause(): void } })._socket.pause();

    const limit = 2 * 1024 * 1024;
    const chunk = new Uint8Array(256 * 1024);
    let sent = 0;
    while (sendBounded(ws, chunk, limit)) {
      sent++;
      if (sent > 10_000) throw new Error('never stopped');
      await new Promise((r) => setImmediate(r));
    }
    // What the server holds for it stays within the limit plus one message.
    expect(ws.bufferedAmount).toBeLessThanOrEqual(limit + chunk.byteLength);
    expect(sendBounded(ws, chunk, limit)).toBe(false);

    // Reading again, it gets what was sent, then the close code.
    const closed = new Promise<number>((resolve) => client.on('close', (code) => resolve(code)));
    (client as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await closed).toBe(CloseCode.tryAgainLater);
  });

  it('always lets one message into an empty buffer, however large', async () => {
    const { ws, client } = await connectedPair();
    const received = once(client, 'message');
    expect(sendBounded(ws, new Uint8Array(5 * 1024 * 1024), 1024 * 1024)).toBe(true);
    const [data] = (await received) as [Buffer];
    expect(data.byteLength).toBe(5 * 1024 * 1024);
    client.close();
  });
});
