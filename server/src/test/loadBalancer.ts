import net from 'node:net';

export interface LoadBalancer {
  port: number;
  url: string;
  /** Open connections per backend port. */
  connections(backend: number): number;
  /** The backends that got the connections whose first request line matches (e.g. `/GET \/collab\//`), in order. */
  backendsOf(firstRequest: RegExp): number[];
  /**
   * Sends the connections whose first request line matches to `backend` until the returned
   * function is called (as a balancer routing by path would): a test that needs two clients on
   * two different nodes says so rather than hoping round-robin spreads them.
   */
  route(firstRequest: RegExp, backend: number): () => void;
  /** Puts a backend in (one started after the balancer, knowing its address). */
  add(backend: number): void;
  /** Takes a backend out (it died): new connections go to the others. */
  remove(backend: number): void;
  close(): Promise<void>;
}

/**
 * A TCP round-robin balancer on 127.0.0.1 in front of several server processes, as a ministry
 * runs them: each new connection (HTTP or websocket) goes to the next backend that accepts it,
 * unless a `route` sends it to a given one.
 * Servers a browser reaches through it must know its address before they start (their
 * PUBLIC_URL names the browser's origin): start it with none and `add` them.
 */
export async function startLoadBalancer(backends: number[]): Promise<LoadBalancer> {
  const live = [...backends];
  const open = new Map<number, Set<net.Socket>>(backends.map((b) => [b, new Set()]));
  let next = 0;
  const requests: { backend: number; line: string }[] = [];
  /** Connections that have not sent their first request yet (closed with the balancer). */
  const silent = new Set<net.Socket>();
  const routes = new Set<{ firstRequest: RegExp; backend: number }>();
  // The backend is chosen on the connection's first chunk (on loopback a request's head arrives
  // whole: an HTTP request or a websocket's upgrade), which is passed on before the rest.
  const connect = (client: net.Socket, first: Buffer, attempts: number) => {
    if (attempts >= live.length || live.length === 0) return client.destroy();
    const line = first.toString('latin1').split('\r\n', 1)[0]!;
    const routed = [...routes].find((r) => r.firstRequest.test(line) && live.includes(r.backend));
    const backend = routed && attempts === 0 ? routed.backend : live[next++ % live.length]!;
    const upstream = net.connect(backend, '127.0.0.1');
    upstream.once('error', () => {
      if (!upstream.readyState.includes('open')) connect(client, first, attempts + 1);
    });
    upstream.once('connect', () => {
      if (client.destroyed) return upstream.destroy();
      open.get(backend)!.add(client);
      requests.push({ backend, line });
      upstream.write(first);
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
    silent.add(client);
    client.once('close', () => silent.delete(client));
    client.once('data', (first: Buffer) => {
      client.pause();
      silent.delete(client);
      connect(client, first, 0);
    });
    client.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    connections: (backend) => open.get(backend)?.size ?? 0,
    backendsOf: (firstRequest) => requests.filter((r) => firstRequest.test(r.line)).map((r) => r.backend),
    route(firstRequest, backend) {
      const rule = { firstRequest, backend };
      routes.add(rule);
      return () => void routes.delete(rule);
    },
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
        for (const socket of [...silent, ...[...open.values()].flatMap((sockets) => [...sockets])]) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
