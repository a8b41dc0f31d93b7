import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProxiedDatabase, type ProxiedDatabase } from '../server/src/test/proxiedDatabase.js';
import { openDatabase, type Database } from './client.js';

let proxied: ProxiedDatabase;
let db: Database;

beforeAll(async () => {
  proxied = await createProxiedDatabase();
  db = await openDatabase({ databaseUrl: proxied.databaseUrl, dataDir: proxied.dataDir });
}, 60_000);
afterAll(async () => {
  await db?.close();
  await proxied?.drop();
});

const outcome = (query: Promise<unknown>, timeoutMs: number) =>
  Promise.race([
    query.then(
      () => 'ok',
      (error: { code?: string }) => error.code ?? 'error',
    ),
    new Promise<string>((resolve) => setTimeout(() => resolve('no answer'), timeoutMs)),
  ]);

describe('the pool after the database went away and came back', () => {
  it('answers every query within a second, also when a query was sent as the connections died', async () => {
    // Several connections open and busy, so that the cut catches queries on the way.
    expect(await Promise.all(Array.from({ length: 6 }, () => outcome(db.sql`select pg_sleep(0.05)`, 5000)))).toEqual(Array(6).fill('ok'));
    for (let round = 0; round < 3; round++) {
      await proxied.proxy.cut('stopped');
      // Sent right after the cut, before the client has read the reset: the write is still
      // deferred when the socket dies (what left postgres.js connections unable to write).
      const during = await Promise.all(Array.from({ length: 6 }, () => outcome(db.sql`select 1`, 5000)));
      expect(during).not.toContain('ok');
      expect(during).not.toContain('no answer');
      await new Promise((r) => setTimeout(r, 300));
      await proxied.proxy.restore();
      const back = performance.now();
      let first = await outcome(db.sql`select 1`, 1000);
      while (first !== 'ok' && performance.now() - back < 1000) first = await outcome(db.sql`select 1`, 1000);
      expect(first, `round ${round}`).toBe('ok');
      // Every slot of the pool works, not just the first one asked.
      const after = await Promise.all(Array.from({ length: 20 }, () => outcome(db.sql`select pg_sleep(0.02)`, 1000)));
      expect(after, `round ${round}`).toEqual(Array(20).fill('ok'));
    }
  }, 60_000);

  it('ping says false within its timeout while the database is unreachable, true once it is back', async () => {
    expect(await db.ping(800)).toBe(true);
    for (const mode of ['stopped', 'unreachable'] as const) {
      await proxied.proxy.cut(mode);
      const started = performance.now();
      expect(await Promise.all([db.ping(800), db.ping(800), db.ping(300)])).toEqual([false, false, false]);
      expect(performance.now() - started).toBeLessThan(1000);
      await proxied.proxy.restore();
      let up = await db.ping(800);
      for (let i = 0; i < 20 && !up; i++) up = await db.ping(800);
      expect(up, mode).toBe(true);
    }
  }, 60_000);
});
