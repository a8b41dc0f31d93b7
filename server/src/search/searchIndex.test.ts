import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../db/client.js';
import { migrate } from '../../../db/migrate.js';
import type { SearchBlock } from '../../../db/queries/search.js';
import { createTestDatabase, type TestDatabase } from '../test/testDatabase.js';
import { SearchIndex } from './searchIndex.js';

// The embedded database has no autovacuum: the index itself refreshes the planner's statistics
// there. Typing (blocks rewritten in place) must not make it analyse again and again: an ANALYZE
// holds the single connection, and every keystroke's commit waits behind it.
describe('SearchIndex statistics on the embedded database', () => {
  let test: TestDatabase;
  let db: Database;
  let meetingId: string;

  beforeAll(async () => {
    test = await createTestDatabase('embedded');
    db = await openDatabase({ dataDir: test.dataDir });
    await migrate(db.sql);
    const [group] = await db.sql<{ id: string }[]>`insert into groups (name_ar, name_en) values ('مجموعة', 'Group') returning id`;
    const [meeting] = await db.sql<{ id: string }[]>`
      insert into meetings (group_id, title_ar, title_en, starts_at) values (${group!.id}, 'اجتماع', 'Meeting', now()) returning id`;
    meetingId = meeting!.id;
  }, 60_000);

  afterAll(async () => {
    await db?.close();
    await test?.drop();
  });

  const analyses = async () => {
    const [row] = await db.sql<{ n: number }[]>`select analyze_count::int as n from pg_stat_user_tables where relname = 'search_entries'`;
    return row!.n;
  };
  const lines = (count: number, round: number): SearchBlock[] =>
    Array.from({ length: count }, (_, index) => ({ index, kind: 'minutes', text: `البند ${index} من الجولة ${round} للتمرين البحري` }));

  it('analyses once a corpus is indexed, and not while its lines are typed into', async () => {
    const index = new SearchIndex(db);
    const start = await analyses();
    await index.write(meetingId, lines(600, 0), '1');
    expect(await analyses()).toBe(start + 1);
    const [row] = await db.sql<{ rows: number }[]>`select reltuples::float8 as rows from pg_class where relname = 'search_entries'`;
    expect(row!.rows).toBeGreaterThanOrEqual(600);

    // Every line rewritten three times: 1,800 rows written, none added.
    for (let round = 1; round <= 3; round++) await index.write(meetingId, lines(600, round), String(round + 1));
    expect(await analyses()).toBe(start + 1);

    // Growing by the table's size again (at least 500 rows) is worth new statistics.
    await index.write(meetingId, lines(1200, 4), '5');
    expect(await analyses()).toBe(start + 2);
  }, 60_000);
});
