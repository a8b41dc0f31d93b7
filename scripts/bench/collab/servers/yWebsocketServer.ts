/**
 * Benchmark peer: @y/websocket-server (the Yjs reference server), in memory, wired as its own
 * `server.js` does. Run as a child process by bench-collab.ts.
 */
import http from 'node:http';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';
import { announce, docCount } from './ready.js';

const server = http.createServer((_req, res) => res.end('ok'));
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);
server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  announce({ base: `ws://127.0.0.1:${port}`, docNames: Array.from({ length: docCount() }, (_, i) => `doc-${i}`), headers: {} });
});
