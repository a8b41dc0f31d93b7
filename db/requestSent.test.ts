import { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useTestDatabases } from '../server/src/test/testDatabase.js';
import { openDatabase, type Database } from './client.js';
import { requestSent } from './requestSent.js';

const databases = useTestDatabases();
let db: Database;
beforeAll(async () => {
  const made = await databases.create('embedded');
  db = await openDatabase({ dataDir: made.dataDir });
}, 60_000);
afterAll(() => db?.close());

describe('a query started and then waited for with requestSent', () => {
  // A statement's first message (Parse) is the request that must have left. A statement new to
  // the connection is described before it is bound, so a quick answer adds a second write (Bind)
  // within the same wait: only writes carrying the statement's text are counted.
  const requestWrites = (writes: { mock: { calls: unknown[][] } }, text: string) =>
    writes.mock.calls.filter(([chunk]) => Buffer.from(chunk as Uint8Array | string).includes(text)).length;

  it('has been written to the socket when it resolves, not before', async () => {
    await db.sql`select 1`; // connected
    const writes = vi.spyOn(Socket.prototype, 'write');
    try {
      const query = db.sql`select ${'a small request'}::text as v`.execute();
      expect(requestWrites(writes, 'select $1::text as v')).toBe(0);
      await requestSent();
      expect(requestWrites(writes, 'select $1::text as v')).toBe(1);
      expect(await query).toEqual([{ v: 'a small request' }]);
    } finally {
      writes.mockRestore();
    }
  });

  it('needs more than the one turn after which postgres.js would otherwise still be holding it', async () => {
    await db.sql`select 1`;
    const writes = vi.spyOn(Socket.prototype, 'write');
    try {
      const query = db.sql`select ${'another request'}::text as w`.execute();
      await new Promise((resolve) => setImmediate(resolve));
      expect(requestWrites(writes, 'select $1::text as w')).toBe(0);
      expect(await query).toEqual([{ w: 'another request' }]);
    } finally {
      writes.mockRestore();
    }
  });
});
