import net from 'node:net';

export interface TcpProxy {
  port: number;
  /**
   * Cuts the link. `stopped`: open connections are reset and new ones refused, as when the
   * database server stops. `unreachable`: open connections are reset and new ones accepted but
   * never answered, as when a network path fails silently.
   */
  cut(mode: 'stopped' | 'unreachable'): Promise<void>;
  /** Forwards again: new connections reach the target. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

/** A TCP forwarder on 127.0.0.1 in front of `target`, to take a real server away and back. */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let mode: 'open' | 'unreachable' = 'open';
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  };
  const server = net.createServer((client) => {
    track(client);
    if (mode === 'unreachable') return;
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stopListening = () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
  const resetAll = () => {
    for (const socket of sockets) socket.resetAndDestroy();
  };
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    async cut(how) {
      if (how === 'stopped') {
        const closed = stopListening();
        resetAll();
        await closed;
      } else {
        mode = 'unreachable';
        resetAll();
      }
    },
    async restore() {
      mode = 'open';
      // Connections accepted while unreachable stay silent, like packets lost on the way.
      if (!server.listening) await listen(port);
    },
    async close() {
      const closed = stopListening();
      resetAll();
      await closed;
    },
  };
}
