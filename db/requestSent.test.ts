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
  it('has been written to the socket when it resolves, not before', async () => {
    await db.sql`select 1`; // connected
    const writes = vi.spyOn(Socket.prototype, 'write');
    try {
      const query = db.sql`select ${'a small request'}::text as v`.execute();
      expect(writes).not.toHaveBeenCalled();
      // What postgres.js does on its own by the next turn: not yet (a single setImmediate is too soon).
      await new Promise((resolve) => setImmediate(resolve));
      expect(writes).not.toHaveBeenCalled();
      await requestSent();
      expect(writes).toHaveBeenCalledTimes(1);
      expect(await query).toEqual([{ v: 'a small request' }]);
    } finally {
      writes.mockRestore();
    }
  });
});
