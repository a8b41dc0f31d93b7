// Serves PGlite over the Postgres wire protocol on a unix socket, for the one connection of the
// main thread's postgres.js pool. Plain JavaScript: loaded by the worker (embeddedWorker.mjs).
//
// Instead of @electric-sql/pglite-socket, whose handler runs each protocol message of a request
// on its own (a setImmediate, a queue and a lock each) and writes each part of each answer to
// the socket separately: here every complete message that has arrived runs in one call, and the
// answer goes out in one write (a large one in parts of 64 kB). A query is one Bind, Execute and
// Sync; its answer was three or four writes, each waking the main thread to read a fragment.
import { createServer } from 'node:net';

/** Bytes of a complete message at the start of `buffer` (0: not complete yet). */
function messageLength(buffer, startup) {
  // The startup packet (and SSL or cancel requests) has no type byte: length first.
  const header = startup ? 4 : 5;
  if (buffer.length < header) return 0;
  const length = buffer.readInt32BE(header - 4) + header - 4;
  return buffer.length >= length ? length : 0;
}

const SSL_REQUEST = 80877103;

/** A simple-protocol Query message. */
function query(sql) {
  const text = Buffer.from(`${sql}\0`);
  const head = Buffer.alloc(5);
  head.write('Q');
  head.writeInt32BE(text.length + 4, 1);
  return new Uint8Array(Buffer.concat([head, text]));
}

/**
 * An answer larger than this goes out in parts of about this size while the database is still
 * producing it, so that the main thread reads (a long log is read in parts of ~250 kB) while the
 * rest is made: written whole, the 100,000-row open took 30–50 ms longer.
 */
const STREAM_BYTES = 64 * 1024;

/** Runs `request` (complete protocol messages) as one, its answer to `write` (see STREAM_BYTES). */
async function execute(db, request, write) {
  let parts = [];
  let size = 0;
  const flush = () => {
    if (size > 0) write(parts.length === 1 ? parts[0] : Buffer.concat(parts, size));
    parts = [];
    size = 0;
  };
  const onRawData = (chunk) => {
    // A view of PGlite's buffer, which the next part overwrites.
    parts.push(Buffer.from(chunk));
    size += chunk.length;
    if (size >= STREAM_BYTES) flush();
  };
  await db.runExclusive(() => db.execProtocolRawStream(request, { onRawData }));
  flush();
}

/**
 * Listens on `path`; resolves with a function that stops listening and closes the connections.
 * One connection is served at a time: PGlite is one backend, and a second client's statements
 * would run inside the first one's transaction. A connection that arrives while another is open
 * waits until that one has closed and been cleaned up, then is served. The only client is this
 * process's pool, which opens a new connection as soon as its old one closes (renewingPool.ts):
 * refused, that reconnection lost a race with the cleanup of the old connection, and its queries
 * failed.
 */
export async function serveWire(db, path) {
  let current = null;
  const waiting = [];
  const sockets = new Set();

  const serveNext = () => {
    current = null;
    while (waiting.length > 0 && !current) {
      const socket = waiting.shift();
      if (!socket.destroyed) serve(socket);
    }
  };

  const serve = (socket) => {
    current = socket;
    let pending = Buffer.alloc(0);
    let startup = true;
    let busy = false;
    const run = async () => {
      busy = true;
      try {
        while (!socket.destroyed) {
          if (startup && pending.length >= 8 && pending.readInt32BE(4) === SSL_REQUEST) {
            pending = pending.subarray(8);
            socket.write('N'); // no TLS on a local socket; the client goes on in plain text
            continue;
          }
          // The startup packet alone (PGlite answers it by itself), then every complete typed message.
          let end = 0;
          for (let length; (length = messageLength(pending.subarray(end), startup && end === 0)); ) {
            end += length;
            if (startup) break;
          }
          if (end === 0) break;
          const request = pending.subarray(0, end);
          pending = pending.subarray(end);
          startup = false;
          await execute(db, request, (answer) => {
            if (!socket.destroyed) socket.write(answer);
          });
        }
      } catch (error) {
        socket.destroy(error);
      } finally {
        busy = false;
      }
    };
    const onData = (data) => {
      pending = pending.length === 0 ? data : Buffer.concat([pending, data]);
      if (!busy) void run();
    };
    socket.on('data', onData);
    // What arrived while the connection waited its turn.
    socket.resume();
    socket.once('close', async () => {
      // Whatever the closed connection left open must not hold the next one: an unfinished
      // transaction is rolled back, its prepared statements are dropped.
      try {
        const discard = () => {};
        if (db.isInTransaction()) await execute(db, query('rollback'), discard);
        await execute(db, query('deallocate all'), discard);
      } catch {
        // The database itself failed: the next connection's queries report it.
      } finally {
        serveNext();
      }
    });
  };

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    if (current) {
      // Nothing is read until its turn (a paused socket buffers in the kernel).
      socket.pause();
      waiting.push(socket);
    } else serve(socket);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, resolve);
  });
  return () =>
    new Promise((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
}
