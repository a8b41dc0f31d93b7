import { describe, expect, it } from 'vitest';
import type { Database } from '../../../db/client.js';
import { markIndexed, pruneWords, writeBlocks, type SearchBlock } from '../../../db/queries/search.js';
import { useMigratedDatabase } from '../test/migratedDatabase.js';
import { DATABASE_KINDS, useTestDatabases } from '../test/testDatabase.js';
import { SearchIndex } from './searchIndex.js';

const databases = useTestDatabases();

// The words a partial or misspelt query is widened to: only words some text still has.
describe.each(DATABASE_KINDS)('search_words (%s database)', (kind) => {
  const database = useMigratedDatabase(databases, kind);
  const meeting = () => database.meeting();
  const block = (index: number, text: string): SearchBlock => ({ index, kind: 'minutes', text });
  const known = async (...words: string[]) => {
    const rows = await database.db.sql<{ word: string }[]>`select word from search_words where word = any(${words}::text[]) order by word`;
    return rows.map((r) => r.word);
  };
  /** One whole pass of the sweep over the words. */
  const sweep = async () => {
    let after: string | null = '';
    while (after !== null) after = await pruneWords(database.db.sql, after, 50);
  };
  const neighbours = async (query: string) => (await database.db.sql<{ q: string }[]>`select mahdar_search_query(${query})::text as q`)[0]!.q;

  it('keeps the words typed to their end, not the beginnings the index saw on the way', async () => {
    const id = await meeting();
    const index = new SearchIndex(database.db);
    // The projection as it runs while someone types, every half second.
    let row = 0;
    for (const text of ['اتفق', 'اتفق الجانبان على تعزيز', 'اتفق الجانبان على تعزيز التعاو', 'اتفق الجانبان على تعزيز التعاون الأكادي', 'اتفق الجانبان على تعزيز التعاون الأكاديمي']) {
      await index.write(id, [block(0, text)], String(++row));
    }
    await sweep();
    // Stored normalised: the article taken off, one alef.
    expect(await known('تعاون', 'اكاديمي', 'تعاو', 'اكادي')).toEqual(['اكاديمي', 'تعاون']);
    // A partial query is widened to the whole word only.
    expect(await neighbours('التعا')).toContain("'تعاون'");
    expect(await neighbours('التعا')).not.toContain("'تعاو'");
  });

  it('keeps a word that another block or meeting still has, and forgets it when the last one goes', async () => {
    const a = await meeting();
    const b = await meeting();
    const index = new SearchIndex(database.db);
    await index.write(a, [block(0, 'برنامج الابتعاث المشترك'), block(1, 'زيارة وفد الابتعاث')], '1');
    await index.write(b, [block(0, 'الابتعاث إلى المملكة المتحدة')], '1');
    // One block of A no longer says it; the other still does.
    await index.write(a, [block(0, 'برنامج التدريب المشترك'), block(1, 'زيارة وفد الابتعاث')], '2');
    await sweep();
    expect(await known('ابتعاث', 'تدريب')).toEqual(['ابتعاث', 'تدريب']);
    // The block is deleted: meeting B still has the word.
    await index.write(a, [block(0, 'برنامج التدريب المشترك')], '3');
    await sweep();
    expect(await known('ابتعاث')).toEqual(['ابتعاث']);
    // The last text with it changes.
    await index.write(b, [block(0, 'زيارة إلى المملكة المتحدة')], '2');
    await sweep();
    expect(await known('ابتعاث', 'مملكه', 'تدريب')).toEqual(['تدريب', 'مملكه']);
    // A word goes with its meeting (its entries are deleted by cascade).
    await database.db.sql`delete from meetings where id = ${a}`;
    await index.write(b, [block(0, 'زيارة إلى المملكة المتحدة'), block(1, 'جدول الأعمال')], '3');
    await sweep();
    expect(await known('تدريب', 'مملكه', 'جدول')).toEqual(['جدول', 'مملكه']);
  });

  it('is swept by the index after its writes, 100 words a second, going on where it stopped', async () => {
    const id = await meeting();
    // Arabic letters only (a word of letters and digits is split in the vectors, and found by
    // no query as one word: the sweep removes it at once, rightly).
    const letters = (i: number) => [...String(i)].map((d) => 'سشصضطظعغفق'[Number(d)]).join('');
    const many = Array.from({ length: 450 }, (_, i) => block(i, `مسودةرقم${letters(i)} بند`));
    await new SearchIndex(database.db).write(id, many, '1');
    await database.db.sql`delete from search_entries where meeting_id = ${id}`;
    const left = async () => (await database.db.sql<{ n: number }[]>`select count(*)::int as n from search_words where word like 'مسودهرقم%'`)[0]!.n;
    expect(await left()).toBe(450);
    const total = (await database.db.sql<{ n: number }[]>`select count(*)::int as n from search_words`)[0]!.n;

    // Each write sweeps the next 100 words; a pass covers them all.
    const index = new SearchIndex(database.db, 0);
    let writes = 0;
    let before = await left();
    while ((await left()) > 0) {
      await index.write(id, [block(0, 'بند')], String(++writes));
      expect(before - (await left())).toBeLessThanOrEqual(100);
      before = await left();
      expect(writes).toBeLessThanOrEqual(Math.ceil(total / 100) + 1);
    }
    expect(writes).toBeGreaterThanOrEqual(5);

    // At most once an interval, whatever the writes between.
    let sweeps = 0;
    const sql = new Proxy(database.db.sql, {
      apply(target, self, args: unknown[]) {
        const strings = args[0] as readonly string[] | undefined;
        if (Array.isArray(strings) && strings.join('').includes('mahdar_prune_words')) sweeps += 1;
        return Reflect.apply(target, self, args) as unknown;
      },
    });
    const counted = Object.assign(Object.create(database.db) as Database, { sql });
    const slow = new SearchIndex(counted, 60_000);
    for (let i = 0; i < 5; i++) await slow.write(id, [block(0, `بند ${i % 2 ? 'أول' : 'ثان'}`)], String(100 + i));
    expect(sweeps).toBe(1);
  });

  it('keeps English words and numbers the same way', async () => {
    const id = await meeting();
    const index = new SearchIndex(database.db);
    await index.write(id, [block(0, 'Cyber worksh secur'), block(1, 'Aviation 2026')], '1');
    await index.write(id, [block(0, 'Cyber security workshop'), block(1, 'Aviation 2026')], '2');
    await sweep();
    // "secur" is the stem of "security": a search for it finds that text, so it stays (and widens
    // a query to nothing the stem does not already match).
    expect(await known('cyber', 'worksh', 'secur', 'security', 'workshop', 'aviation', '2026')).toEqual(['2026', 'aviation', 'cyber', 'secur', 'security', 'workshop']);
  });

  // The index is rebuilt from the log after a crash, so its writes commit without waiting for
  // the disk. The minutes' commits share the connection with them on the embedded database and
  // must still wait: the setting is the index transaction's own.
  describe("the index's writes", () => {
    /** `synchronous_commit` as the transaction that ran `write` will commit with. */
    const commitMode = (write: (tx: Database['sql']) => Promise<unknown>) =>
      database.db.sql.begin(async (tx) => {
        await write(tx as unknown as Database['sql']);
        const [row] = await tx<{ synchronousCommit: string }[]>`show synchronous_commit`;
        return row!.synchronousCommit;
      });

    it('commit without waiting for the disk: blocks written and removed, the log position, the sweep of words', async () => {
      const id = await meeting();
      const text = 'ناقش الجانبان التعاون في مجال الأمن السيبراني';
      expect(await commitMode((tx) => writeBlocks(tx, id, { upsert: [block(0, text)], remove: [] }))).toBe('off');
      expect(await commitMode((tx) => writeBlocks(tx, id, { upsert: [block(0, `${text} والطيران`)], remove: [] }))).toBe('off');
      expect(await commitMode((tx) => writeBlocks(tx, id, { upsert: [], remove: [0] }))).toBe('off');
      expect(await commitMode((tx) => markIndexed(tx, id, '1'))).toBe('off');
      expect(await commitMode((tx) => pruneWords(tx, '', 100))).toBe('off');
      // …and still wrote what they were given.
      const [indexed] = await database.db.sql<{ updateId: string }[]>`select update_id::text from search_indexed where meeting_id = ${id}`;
      expect(indexed!.updateId).toBe('1');
      expect(await database.db.sql`select 1 from search_entries where meeting_id = ${id} and block_index is not null`).toHaveLength(0);
    });

    it("leave the connection's next transaction (a keystroke's commit) waiting for the disk", async () => {
      const id = await meeting();
      const connection = await database.db.sql.reserve();
      try {
        await writeBlocks(connection as unknown as Database['sql'], id, { upsert: [block(1, 'بند')], remove: [] });
        await markIndexed(connection as unknown as Database['sql'], id, '2');
        const [row] = await connection<{ synchronousCommit: string }[]>`show synchronous_commit`;
        expect(row!.synchronousCommit).toBe('on');
      } finally {
        connection.release();
      }
    });
  });
});
