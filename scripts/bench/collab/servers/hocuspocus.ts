/**
 * Benchmark peer: @hocuspocus/server with no extensions (documents in memory, no persistence),
 * as its README's minimal server. Run as a child process by bench-collab.ts.
 */
import { Server } from '@hocuspocus/server';
import { announce, docCount } from './ready.js';

const server = new Server({ port: 0, address: '127.0.0.1', quiet: true });
await server.listen();
const { port } = server.address;
announce({ base: `ws://127.0.0.1:${port}`, docNames: Array.from({ length: docCount() }, (_, i) => `doc-${i}`), headers: {} });
