import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * The browser's network, as a SOCKS5 proxy on 127.0.0.1 that a browser context is sent through
 * (`contextOptions`): everything the page loads or opens, websockets included, passes here.
 *
 * `blackHole()` is a dead Wi-Fi: nothing is closed or refused, bytes just stop moving in both
 * directions and new connections get no answer; the operating systems keep what was sent
 * (sockets are paused, not read), as TCP does while it retransmits. `restore()` lets it all
 * flow again. A websocket therefore stays "open" for the browser during the outage, which is
 * the case y-websocket does not notice for 30 s.
 */
export interface NetworkProxy {
  /** For `browser.newContext`: every request of the context, loopback too, goes through the proxy. */
  contextOptions: { proxy: { server: string; bypass: string } };
  blackHole(): void;
  restore(): void;
  close(): Promise<void>;
}

const SOCKS_VERSION = 5;

/** Reads exactly `n` bytes from a paused-mode handshake buffer, or null when more must come. */
function take(buffer: Buffer, n: number): [Buffer, Buffer] | null {
  return buffer.length < n ? null : [buffer.subarray(0, n), buffer.subarray(n)];
}

/** The target of a SOCKS5 CONNECT request, or null when the request is not complete yet. */
function parseConnect(buffer: Buffer): { host: string; port: number; rest: Buffer } | null {
  const head = take(buffer, 4);
  if (!head) return null;
  const [fixed, afterFixed] = head;
  if (fixed[0] !== SOCKS_VERSION || fixed[1] !== 1) throw new Error(`unsupported SOCKS request ${fixed.toString('hex')}`);
  let host: string;
  let rest: Buffer;
  if (fixed[3] === 1) {
    const ip = take(afterFixed, 4);
    if (!ip) return null;
    host = [...ip[0]].join('.');
    rest = ip[1];
  } else if (fixed[3] === 3) {
    if (afterFixed.length < 1) return null;
    const name = take(afterFixed.subarray(1), afterFixed[0]!);
    if (!name) return null;
    host = name[0].toString('latin1');
    rest = name[1];
  } else {
    throw new Error(`unsupported SOCKS address type ${fixed[3]}`);
  }
  const port = take(rest, 2);
  if (!port) return null;
  return { host, port: port[0].readUInt16BE(0), rest: port[1] };
}

export async function startNetworkProxy(): Promise<NetworkProxy> {
  let down = false;
  const sockets = new Set<net.Socket>();

  function track(socket: net.Socket): void {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    if (down) socket.pause();
  }

  function tunnel(a: net.Socket, b: net.Socket): void {
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      from.on('data', (chunk) => to.write(chunk));
      from.on('end', () => to.end());
      from.on('close', () => to.destroy());
    }
  }

  const server = net.createServer((client) => {
    track(client);
    let buffer: Buffer = Buffer.alloc(0);
    let greeted = false;
    const onHandshake = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      try {
        if (!greeted) {
          const greeting = take(buffer, 2);
          if (!greeting) return;
          const methods = take(greeting[1], greeting[0][1]!);
          if (!methods) return;
          greeted = true;
          buffer = methods[1];
          client.write(Buffer.from([SOCKS_VERSION, 0])); // no authentication
        }
        const request = parseConnect(buffer);
        if (!request) return;
        client.off('data', onHandshake);
        const upstream = net.connect(request.port, request.host, () => {
          client.write(Buffer.from([SOCKS_VERSION, 0, 0, 1, 0, 0, 0, 0, 0, 0]));
          if (request.rest.length > 0) upstream.write(request.rest);
          tunnel(client, upstream);
        });
        track(upstream);
      } catch {
        client.destroy();
      }
    };
    client.on('data', onHandshake);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    // Chromium never proxies loopback addresses unless told `<-loopback>`.
    contextOptions: { proxy: { server: `socks5://127.0.0.1:${port}`, bypass: '<-loopback>' } },
    blackHole() {
      down = true;
      for (const socket of sockets) socket.pause();
    },
    restore() {
      down = false;
      for (const socket of sockets) socket.resume();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
