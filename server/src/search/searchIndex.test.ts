import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../db/client.js';
import { migrate } from '../../../db/migrate.js';
import type { SearchBlock } from '../../../db/queries/search.js';
import { createTestDatabase, type TestDatabase } from '../test/testDatabase.js';
import { SearchIndex } from './searchIndex.js';

// The embedded database has no autovacuum: the index itself refreshes the planner's statistics
// there. Typing (blocks rewritten in place) must not make it analyse again and again: an ANALYZE
// holds the single connection, and every keystroke's commit waits behind it.
describe('SearchIndex on the embedded database', () => {
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

  it('two processes indexing one meeting: a block one removed and the other still knew is written again', async () => {
    const [meeting] = await db.sql<{ id: string }[]>`
      insert into meetings (group_id, title_ar, title_en, starts_at) select group_id, 'ثان', 'Second', now() from meetings limit 1 returning id`;
    const id = meeting!.id;
    const a = new SearchIndex(db);
    const b = new SearchIndex(db);
    const block = (index: number, text: string): SearchBlock => ({ index, kind: 'minutes', text });
    await a.write(id, [block(0, 'البند الأول'), block(1, 'البند الثاني'), block(2, 'البند الثالث')], '1');
    // B reads the index back from the table and removes the third block.
    await b.write(id, [block(0, 'البند الأول'), block(1, 'البند الثاني')], '2');
    // A still believes the third block is indexed, and changes it.
    await a.write(id, [block(0, 'البند الأول'), block(1, 'البند الثاني'), block(2, 'البند الثالث المعدل')], '3');
    const rows = await db.sql<{ index: number; text: string }[]>`
      select block_index as index, text from search_entries where meeting_id = ${id} and block_index is not null order by block_index`;
    expect(rows.map((r) => [r.index, r.text])).toEqual([
      [0, 'البند الأول'],
      [1, 'البند الثاني'],
      [2, 'البند الثالث المعدل'],
    ]);
    const [found] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from search_entries where meeting_id = ${id} and vector @@ to_tsquery('arabic', 'معدل')`;
    expect(found!.n).toBe(1);
  }, 60_000);
});
