import { startServer } from './app.js';
import { configFromEnv } from './config/env.js';

const config = configFromEnv();
const server = await startServer(config);
// Tests that start the server as a child process read this line to learn the port.
process.stdout.write(`Mahdar listening on ${server.url} (port ${server.port})\n`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (error) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  });
}
