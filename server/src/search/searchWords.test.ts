import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../db/client.js';
import { migrate } from '../../../db/migrate.js';
import type { SearchBlock } from '../../../db/queries/search.js';
import { DATABASE_KINDS, useTestDatabases } from '../test/testDatabase.js';
import { SearchIndex } from './searchIndex.js';

const databases = useTestDatabases();

// The words a partial or misspelt query is widened to: only words some text still has.
describe.each(DATABASE_KINDS)('search_words (%s database)', (kind) => {
  let db: Database;
  let groupId: string;

  beforeAll(async () => {
    const test = await databases.create(kind);
    db = await openDatabase({ databaseUrl: test.databaseUrl, dataDir: test.dataDir });
    await migrate(db.sql);
    const [group] = await db.sql<{ id: string }[]>`insert into groups (name_ar, name_en) values ('مجموعة', 'Group') returning id`;
    groupId = group!.id;
  }, 60_000);

  afterAll(async () => {
    await db?.close();
  });

  async function meeting(): Promise<string> {
    const [row] = await db.sql<{ id: string }[]>`
      insert into meetings (group_id, title_ar, title_en, starts_at) values (${groupId}, 'جلسة', 'Session', now()) returning id`;
    return row!.id;
  }
  const block = (index: number, text: string): SearchBlock => ({ index, kind: 'minutes', text });
  const known = async (...words: string[]) => {
    const rows = await db.sql<{ word: string }[]>`select word from search_words where word = any(${words}::text[]) order by word`;
    return rows.map((r) => r.word);
  };
  const neighbours = async (query: string) => (await db.sql<{ q: string }[]>`select mahdar_search_query(${query})::text as q`)[0]!.q;

  it('keeps the words typed to their end, not the beginnings the index saw on the way', async () => {
    const id = await meeting();
    const index = new SearchIndex(db, 0);
    // The projection as it runs while someone types, every half second.
    let row = 0;
    for (const text of ['اتفق', 'اتفق الجانبان على تعزيز', 'اتفق الجانبان على تعزيز التعاو', 'اتفق الجانبان على تعزيز التعاون الأكادي', 'اتفق الجانبان على تعزيز التعاون الأكاديمي']) {
      await index.write(id, [block(0, text)], String(++row));
    }
    // Stored normalised: the article taken off, one alef.
    expect(await known('تعاون', 'اكاديمي', 'تعاو', 'اكادي')).toEqual(['اكاديمي', 'تعاون']);
    // A partial query is widened to the whole word only.
    expect(await neighbours('التعا')).toContain("'تعاون'");
    expect(await neighbours('التعا')).not.toContain("'تعاو'");
  });

  it('keeps a word that another block or meeting still has, and forgets it when the last one goes', async () => {
    const a = await meeting();
    const b = await meeting();
    const index = new SearchIndex(db, 0);
    await index.write(a, [block(0, 'برنامج الابتعاث المشترك'), block(1, 'زيارة وفد الابتعاث')], '1');
    await index.write(b, [block(0, 'الابتعاث إلى المملكة المتحدة')], '1');
    // One block of A no longer says it; the other still does.
    await index.write(a, [block(0, 'برنامج التدريب المشترك'), block(1, 'زيارة وفد الابتعاث')], '2');
    expect(await known('ابتعاث', 'تدريب')).toEqual(['ابتعاث', 'تدريب']);
    // The block is deleted: meeting B still has the word.
    await index.write(a, [block(0, 'برنامج التدريب المشترك')], '3');
    expect(await known('ابتعاث')).toEqual(['ابتعاث']);
    // The last text with it changes.
    await index.write(b, [block(0, 'زيارة إلى المملكة المتحدة')], '2');
    expect(await known('ابتعاث', 'مملكه', 'تدريب')).toEqual(['تدريب', 'مملكه']);
    // A word goes with its meeting (its entries are deleted by cascade), checked at the next
    // write of any meeting.
    await db.sql`delete from meetings where id = ${a}`;
    await index.write(b, [block(0, 'زيارة إلى المملكة المتحدة'), block(1, 'جدول الأعمال')], '3');
    expect(await known('تدريب', 'مملكه', 'جدول')).toEqual(['جدول', 'مملكه']);
  });

  it('checks the words noted as gone a few hundred at a time, at each write while more wait', async () => {
    const id = await meeting();
    const many = Array.from({ length: 450 }, (_, i) => block(i, `مسودةرقم${i} بند`));
    await new SearchIndex(db, 0).write(id, many, '1');
    // Every one of those words goes at once: 450 to check.
    await db.sql`delete from search_entries where meeting_id = ${id}`;
    const index = new SearchIndex(db, 60_000);
    const left = async () => (await db.sql<{ n: number }[]>`select count(*)::int as n from search_words where word like 'مسودهرقم%'`)[0]!.n;
    expect(await left()).toBe(450);
    // 200 noted words a write (other noted words, such as بند, may take a place or two).
    await index.write(id, [block(0, 'بند')], '2');
    expect(await left()).toBeGreaterThanOrEqual(250);
    expect(await left()).toBeLessThanOrEqual(255);
    await index.write(id, [block(0, 'بند')], '3');
    expect(await left()).toBeGreaterThanOrEqual(50);
    expect(await left()).toBeLessThanOrEqual(60);
    await index.write(id, [block(0, 'بند')], '4');
    expect(await left()).toBe(0);
    // None waiting: the next check is a minute away.
    await index.write(id, [block(0, 'بند جديد')], '5');
    await index.write(id, [block(0, 'بند')], '6');
    expect(await known('جديد')).toEqual(['جديد']);
  });

  it('keeps English words and numbers the same way', async () => {
    const id = await meeting();
    const index = new SearchIndex(db, 0);
    await index.write(id, [block(0, 'Cyber worksh secur'), block(1, 'Aviation 2026')], '1');
    await index.write(id, [block(0, 'Cyber security workshop'), block(1, 'Aviation 2026')], '2');
    // "secur" is the stem of "security": a search for it finds that text, so it stays (and widens
    // a query to nothing the stem does not already match).
    expect(await known('cyber', 'worksh', 'secur', 'security', 'workshop', 'aviation', '2026')).toEqual(['2026', 'aviation', 'cyber', 'secur', 'security', 'workshop']);
  });
});
