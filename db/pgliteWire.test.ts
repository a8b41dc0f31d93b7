import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newEmbeddedDirectory } from '../server/src/test/freshDatabase.js';
import { startEmbedded, type EmbeddedServer } from './embedded.js';

// One embedded database for the file (each start compiles PGlite, ~3 s). Each database here
// is a copy of the run's template: initialising one is a child process of 4–5 s.
let dataDir: string;
let server: EmbeddedServer;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'mahdar-wire-'));
  server = await startEmbedded(await newEmbeddedDirectory(path.join(dataDir, 'pglite')), (error) => {
    throw error;
  });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const connect = () => postgres({ path: server.path, user: 'postgres', database: 'postgres', max: 1, onnotice: () => {} });

/** A raw client: the startup packet, then the bytes of each `data` event the server sends. */
async function rawClient(): Promise<{ socket: net.Socket; chunks: Buffer[]; readyForQuery(): Promise<void> }> {
  const socket = net.connect(server.path);
  const chunks: Buffer[] = [];
  let waiting: (() => void) | null = null;
  socket.on('data', (chunk) => {
    chunks.push(chunk);
    // ReadyForQuery ('Z', length 5, status) ends every answer.
    if (chunk.length >= 6 && chunk[chunk.length - 6] === 0x5a) waiting?.();
  });
  const readyForQuery = () => new Promise<void>((resolve) => (waiting = resolve));
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  const params = Buffer.from('user\0postgres\0database\0postgres\0\0');
  const startup = Buffer.alloc(8);
  startup.writeInt32BE(8 + params.length, 0);
  startup.writeInt32BE(196608, 4); // protocol 3.0
  const ready = readyForQuery();
  socket.write(Buffer.concat([startup, params]));
  await ready;
  return { socket, chunks, readyForQuery };
}

function simpleQuery(sql: string): Buffer {
  const text = Buffer.from(`${sql}\0`);
  const head = Buffer.alloc(5);
  head.write('Q');
  head.writeInt32BE(text.length + 4, 1);
  return Buffer.concat([head, text]);
}

describe('the embedded database socket', () => {
  it('is a unix socket in a directory only this user may enter, removed when the database stops', async () => {
    const dir = await stat(path.dirname(server.path));
    expect(dir.mode & 0o777).toBe(0o700);
    expect(dir.uid).toBe(process.getuid!());
    expect((await stat(server.path)).isSocket()).toBe(true);

    const otherDir = await mkdtemp(path.join(os.tmpdir(), 'mahdar-wire-'));
    const other = await startEmbedded(await newEmbeddedDirectory(path.join(otherDir, 'pglite')), () => {});
    const socketDir = path.dirname(other.path);
    await other.stop();
    await expect(stat(socketDir)).rejects.toMatchObject({ code: 'ENOENT' });
    await rm(otherDir, { recursive: true, force: true });
  }, 60_000);

  it('is removed also when the process exits without stopping the database, with one exit listener for all', async () => {
    const otherDir = await mkdtemp(path.join(os.tmpdir(), 'mahdar-wire-'));
    const embedded = new URL('./embedded.ts', import.meta.url).href;
    for (const name of ['a', 'b']) await newEmbeddedDirectory(path.join(otherDir, name));
    // Two databases left running; a test process starts dozens, and a listener each warned.
    const script = `const { startEmbedded } = await import(${JSON.stringify(embedded)});
      const listeners = process.listenerCount('exit');
      const servers = [];
      for (const name of ['a', 'b']) servers.push(await startEmbedded(${JSON.stringify(otherDir)} + '/' + name, () => {}));
      process.stdout.write(JSON.stringify({ paths: servers.map((s) => s.path), added: process.listenerCount('exit') - listeners }));
      process.exit(0);`;
    const file = path.join(otherDir, 'exits.mts');
    await writeFile(file, script);
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', file]);
    const { paths, added } = JSON.parse(stdout) as { paths: string[]; added: number };
    expect(added).toBe(1);
    expect(paths).toHaveLength(2);
    for (const socket of paths) {
      expect(socket).toMatch(/\.s\.PGSQL\.5432$/);
      await expect(stat(path.dirname(socket))).rejects.toMatchObject({ code: 'ENOENT' });
    }
    await rm(otherDir, { recursive: true, force: true });
  }, 90_000);

  it('answers a whole request in one write', async () => {
    const client = await rawClient();
    client.chunks.length = 0;
    const ready = client.readyForQuery();
    // Two statements: row descriptions, rows, two command completions and ReadyForQuery.
    client.socket.write(simpleQuery('select 1 as one; select 2 as two'));
    await ready;
    expect(client.chunks).toHaveLength(1);
    const answer = client.chunks[0]!.toString('latin1');
    expect(answer).toContain('one');
    expect(answer).toContain('two');
    client.socket.destroy();
  });

  it('keeps pipelined queries apart: one that fails fails alone, a large answer arrives whole', async () => {
    const sql = connect();
    try {
      // Sent together on the one connection, so they reach the database in one request.
      const [failed, fine, large] = await Promise.allSettled([
        sql`select 1 / ${0}::int as n`,
        sql`select ${'سطر'}::text || ${2}::int as s`,
        sql<{ s: string }[]>`select repeat(${'محضر '}, 600000) as s`,
      ]);
      expect(failed).toMatchObject({ status: 'rejected', reason: { code: '22012' } });
      expect(fine).toEqual({ status: 'fulfilled', value: [{ s: 'سطر2' }] });
      // 3.6 MB, more than PGlite's 1 MB answer buffer: sent in 64 kB parts as PGlite produces it.
      expect(large.status).toBe('fulfilled');
      const text = (large as PromiseFulfilledResult<{ s: string }[]>).value[0]!.s;
      expect(text.length).toBe(5 * 600000);
      expect(text.startsWith('محضر محضر')).toBe(true);
    } finally {
      await sql.end({ timeout: 1 });
    }
  });

  it('serves a second connection once the first has closed, not both at once', async () => {
    const first = connect();
    const second = connect();
    try {
      await first`create table if not exists turn_test (n int)`;
      await first`begin`; // a transaction the second connection must not join (one connection: allowed)
      await first`insert into turn_test values (1)`;
      let answered = false;
      const waitingQuery = second<{ n: number }[]>`select count(*)::int as n from turn_test`.then((rows) => {
        answered = true;
        return rows;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(answered).toBe(false);
      // The first goes away mid-transaction: rolled back, and only then is the second served.
      await first.end({ timeout: 0 });
      await expect(waitingQuery).resolves.toEqual([{ n: 0 }]);
    } finally {
      await first.end({ timeout: 0 });
      await second.end({ timeout: 1 });
    }
  });

  it('rolls back what a connection that went away left open, and the next connection works', async () => {
    const first = connect();
    await first`create table if not exists wire_test (id int)`;
    let inside!: () => void;
    const began = new Promise<void>((resolve) => (inside = resolve));
    const transaction = first
      .begin(async (tx) => {
        await tx`insert into wire_test values (1)`;
        inside();
        await new Promise(() => {}); // never commits
      })
      .catch((error: unknown) => error);
    await began;
    await first.end({ timeout: 0 }); // the connection is cut inside the transaction
    await transaction;

    const next = connect();
    try {
      // Served once the server has let the first connection go (it waits its turn).
      const rows = await next<{ n: number }[]>`select count(*)::int as n from wire_test`;
      expect(rows).toEqual([{ n: 0 }]);
      // Not inside the old transaction: a commit of its own lasts.
      await next`insert into wire_test values (2)`;
      await expect(next`select count(*)::int as n from wire_test`).resolves.toEqual([{ n: 1 }]);
    } finally {
      await next.end({ timeout: 1 });
    }
  });
});
