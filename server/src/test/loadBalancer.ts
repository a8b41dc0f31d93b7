import net from 'node:net';

export interface LoadBalancer {
  port: number;
  url: string;
  /** Open connections per backend port. */
  connections(backend: number): number;
  /** The backend that got the connection whose first request line matches (e.g. `/GET \/collab\//`). */
  backendOf(firstRequest: RegExp): number | undefined;
  /** Puts a backend in (one started after the balancer, knowing its address). */
  add(backend: number): void;
  /** Takes a backend out (it died): new connections go to the others. */
  remove(backend: number): void;
  close(): Promise<void>;
}

/**
 * A TCP round-robin balancer on 127.0.0.1 in front of several server processes, as a ministry
 * runs them: each new connection (HTTP or websocket) goes to the next backend that accepts it.
 * Servers a browser reaches through it must know its address before they start (their
 * PUBLIC_URL names the browser's origin): start it with none and `add` them.
 */
export async function startLoadBalancer(backends: number[]): Promise<LoadBalancer> {
  const live = [...backends];
  const open = new Map<number, Set<net.Socket>>(backends.map((b) => [b, new Set()]));
  let next = 0;
  const requests: { backend: number; line: string }[] = [];
  const connect = (client: net.Socket, attempts: number) => {
    if (attempts >= live.length || live.length === 0) return client.destroy();
    const backend = live[next++ % live.length]!;
    const upstream = net.connect(backend, '127.0.0.1');
    upstream.once('error', () => {
      if (!upstream.readyState.includes('open')) connect(client, attempts + 1);
    });
    upstream.once('connect', () => {
      open.get(backend)!.add(client);
      client.once('data', (chunk: Buffer) => requests.push({ backend, line: chunk.toString('latin1').split('\r\n', 1)[0]! }));
      client.pipe(upstream).pipe(client);
      client.resume();
      client.on('close', () => {
        open.get(backend)!.delete(client);
        upstream.destroy();
      });
      upstream.on('close', () => client.destroy());
      upstream.on('error', () => {});
    });
  };
  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    client.on('error', () => {});
    connect(client, 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    connections: (backend) => open.get(backend)?.size ?? 0,
    backendOf: (firstRequest) => requests.find((r) => firstRequest.test(r.line))?.backend,
    add(backend) {
      if (!open.has(backend)) open.set(backend, new Set());
      if (!live.includes(backend)) live.push(backend);
    },
    remove(backend) {
      const index = live.indexOf(backend);
      if (index >= 0) live.splice(index, 1);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const sockets of open.values()) for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
