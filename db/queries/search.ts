import type { Queryable } from '../client.js';

export type SearchKind = 'minutes' | 'actionItem' | 'meeting';

/** A non-empty text block of the minutes as indexed: its index among the text blocks. */
export interface SearchBlock {
  index: number;
  kind: 'minutes' | 'actionItem';
  text: string;
}

/** The blocks of a meeting as they are in the index. */
export async function indexedBlocks(db: Queryable, meetingId: string): Promise<SearchBlock[]> {
  return db<SearchBlock[]>`
    select block_index as index, kind, text from search_entries
    where meeting_id = ${meetingId} and block_index is not null order by block_index`;
}

/** The newest row of the meeting's update log (0 when none). */
export async function latestUpdateId(db: Queryable, meetingId: string): Promise<string> {
  const [row] = await db<{ id: string }[]>`select coalesce(max(id), 0)::text as id from minutes_updates where meeting_id = ${meetingId}`;
  return row!.id;
}

/**
 * Writes the changed blocks and removes the ones gone. The table's generated column normalises
 * and vectorises the text.
 */
export async function writeBlocks(db: Queryable, meetingId: string, changes: { upsert: SearchBlock[]; remove: number[] }): Promise<void> {
  if (changes.remove.length > 0) {
    await db`delete from search_entries where meeting_id = ${meetingId} and block_index = any(${changes.remove}::int[])`;
  }
  if (changes.upsert.length > 0) {
    await db`
      insert into search_entries (meeting_id, kind, block_index, text)
      select ${meetingId}, b.kind, b.block_index, b.text
      from unnest(${changes.upsert.map((b) => b.index)}::int[], ${changes.upsert.map((b) => b.kind)}::text[], ${changes.upsert.map((b) => b.text)}::text[])
        as b (block_index, kind, text)
      on conflict (meeting_id, block_index) where block_index is not null
      do update set kind = excluded.kind, text = excluded.text`;
  }
}

/** Records that the meeting's log is indexed up to `updateId` (after its blocks are written). */
export async function markIndexed(db: Queryable, meetingId: string, updateId: string): Promise<void> {
  await db`
    insert into search_indexed (meeting_id, update_id) values (${meetingId}, ${updateId}::bigint)
    on conflict (meeting_id) do update set update_id = greatest(search_indexed.update_id, excluded.update_id)`;
}

/** Meetings whose log has rows the index has not seen (an upgrade, a crash before a run). */
export async function meetingsNeedingSearchIndex(db: Queryable): Promise<string[]> {
  const rows = await db<{ id: string }[]>`
    select m.id from meetings m
    where exists (
      select 1 from minutes_updates u
      where u.meeting_id = m.id and u.id > coalesce((select s.update_id from search_indexed s where s.meeting_id = m.id), 0))
    order by m.starts_at desc`;
  return rows.map((r) => r.id);
}

export interface SearchFilter {
  /** Groups the caller may read; `null` = all (admin). */
  groupIds: string[] | null;
  groupId?: string;
  /** `YYYY-MM-DD`, the meeting's date in its own time zone. */
  from?: string;
  to?: string;
  kind?: SearchKind;
  offset: number;
  limit: number;
}

export interface SearchRow {
  kind: SearchKind;
  meetingId: string;
  groupId: string;
  titleAr: string;
  titleEn: string;
  startsAt: Date;
  blockIndex: number | null;
  text: string;
  total: number;
}

/**
 * The query as a `tsquery`: each word by its stems, widened by trigrams to indexed words that
 * begin with it or look like it (see `mahdar_search_query`). Computed first, so that the search
 * gets it as a constant: the planner then estimates its matches and uses the GIN index.
 */
export async function fullTextQuery(db: Queryable, q: string): Promise<string> {
  const [row] = await db<{ tq: string }[]>`select mahdar_search_query(${q})::text as tq`;
  return row!.tq;
}

/**
 * One ranked full-text match on the vectors (GIN), restricted to what the caller may read:
 * best rank first, then newer meetings, then document order.
 */
export async function searchEntries(db: Queryable, f: SearchFilter & { tsquery: string }): Promise<SearchRow[]> {
  const none = db`true`;
  const day = db`(m.starts_at at time zone m.time_zone)::date`;
  // Matches are ranked as narrow rows (id, rank, date); only the page's rows are read whole.
  return db<SearchRow[]>`
    with matches as materialized (
      select s.id, ts_rank(s.vector, ${f.tsquery}::tsquery) as rank, m.starts_at, s.block_index
      from search_entries s join meetings m on m.id = s.meeting_id
      where s.vector @@ ${f.tsquery}::tsquery
        and ${f.groupIds === null ? none : db`m.group_id = any(${f.groupIds}::uuid[])`}
        and ${f.groupId ? db`m.group_id = ${f.groupId}` : none}
        and ${f.kind ? db`s.kind = ${f.kind}` : none}
        and ${f.from ? db`${day} >= ${f.from}::date` : none}
        and ${f.to ? db`${day} <= ${f.to}::date` : none}),
    page as (
      select id, rank from matches order by rank desc, starts_at desc, block_index nulls first limit ${f.limit} offset ${f.offset})
    select s.kind, s.meeting_id, m.group_id, m.title_ar, m.title_en, m.starts_at, s.block_index, s.text,
           (select count(*) from matches)::int as total
    from page p join search_entries s on s.id = p.id join meetings m on m.id = s.meeting_id
    order by p.rank desc, m.starts_at desc, s.block_index nulls first`;
}

/** Letters (with their marks), digits: what the normaliser and the parsers read as words. */
const WORD = '[0-9A-Za-z\\u00C0-\\u024F\\u0610-\\u061A\\u0620-\\u0669\\u066E-\\u06D3\\u06D5-\\u06ED\\u06F0-\\u06F9]+';

/**
 * The words of each text in order, each marked when it matches a word of the query (the same
 * stems and widening as the search: the query with `&` read as `|`), so the reader sees why a
 * text was found.
 */
export async function matchingWords(db: Queryable, tsquery: string, texts: string[]): Promise<{ word: string; hit: boolean }[][]> {
  if (texts.length === 0) return [];
  const rows = await db<{ i: number; word: string; hit: boolean }[]>`
    with words as (
      select r.i, w.n, w.m[1] as word
      from unnest(${texts}::text[]) with ordinality r (text, i)
      cross join lateral regexp_matches(r.text, ${WORD}, 'g') with ordinality w (m, n)),
    normalised as (select d.word, mahdar_norm(d.word) as norm from (select distinct word from words) d),
    -- One word at a time, its stems by both configurations (a superset of its stems in the
    -- vector: a word equal to a query word once normalised is marked too).
    distinct_words as (
      select word, (to_tsvector('arabic'::regconfig, norm) || to_tsvector('english'::regconfig, norm)) @@ replace(${tsquery}, '&', '|')::tsquery as hit
      from normalised)
    select words.i::int as i, words.word, distinct_words.hit
    from words join distinct_words using (word)
    order by words.i, words.n`;
  const result: { word: string; hit: boolean }[][] = texts.map(() => []);
  for (const row of rows) result[row.i - 1]!.push({ word: row.word, hit: row.hit });
  return result;
}
