import { startServer } from './app.js';
import { configFromEnv } from './config/env.js';

const config = configFromEnv();

// Every handler of peer input catches its own errors and drops at most that one document. If a
// rejection still escapes, it must not end the process and everyone's editing with it: it is
// written to stderr whatever LOG_LEVEL says, with its stack, for someone to fix.
process.on('unhandledRejection', (reason) => {
  const error = reason instanceof Error ? { error: reason.message, stack: reason.stack } : { error: String(reason) };
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'error', event: 'process.unhandled_rejection', ...error })}\n`);
});

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
