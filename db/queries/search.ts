import type { Queryable } from '../client.js';

export type SearchKind = 'minutes' | 'actionItem' | 'meeting';

/** A non-empty text block of the minutes as indexed: its index among the text blocks. */
export interface SearchBlock {
  index: number;
  kind: 'minutes' | 'actionItem';
  text: string;
}

/**
 * A condition, always true, that makes its statement's transaction commit without waiting for
 * the WAL to reach the disk (`synchronous_commit` off for that transaction alone). The index is
 * rebuilt from the log: a crash loses at most its last writes, and with them the record of how
 * far it had got (`markIndexed` comes last, and the WAL keeps their order), so the catch-up at
 * start indexes those rows again. On the embedded database every statement waits for the one
 * before it, so each index write's flush (about 0.6 ms here) held up the keystrokes' commits
 * behind it (bench:collab 200/1, three alternating pairs: p99 29.7/34.4/35.7 ms with the flush,
 * 26.4/32.9/26.7 without). A Postgres server folds concurrent flushes into one: there the
 * index's writes stopped waiting on the WAL, but the flushes per second and the latency stayed
 * as they were. In a condition, not a statement of its own, so that a write stays one round
 * trip.
 */
const commitsWithoutWaitingForDisk = (db: Queryable) => db`(select set_config('synchronous_commit', 'off', true)) = 'off'`;

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
 * and vectorises the text. Blocks already indexed are updated rather than upserted: an
 * `insert … on conflict do update` computes the generated vector twice, for the row it tries to
 * insert and again for the update (a third of a search write's cost). A block another process
 * removed meanwhile is inserted, one it inserted meanwhile is updated.
 */
export async function writeBlocks(db: Queryable, meetingId: string, changes: { upsert: SearchBlock[]; remove: number[] }): Promise<void> {
  if (changes.remove.length > 0) {
    await db`
      delete from search_entries
      where meeting_id = ${meetingId} and block_index = any(${changes.remove}::int[]) and ${commitsWithoutWaitingForDisk(db)}`;
  }
  if (changes.upsert.length > 0) {
    await db`
      with input as (
        select * from unnest(${changes.upsert.map((b) => b.index)}::int[], ${changes.upsert.map((b) => b.kind)}::text[], ${changes.upsert.map((b) => b.text)}::text[])
          as b (block_index, kind, text)
      ), updated as (
        update search_entries e set kind = i.kind, text = i.text
        from input i where e.meeting_id = ${meetingId} and e.block_index = i.block_index
        returning e.block_index
      )
      insert into search_entries (meeting_id, kind, block_index, text)
      select ${meetingId}, i.kind, i.block_index, i.text from input i
      where i.block_index not in (select block_index from updated) and ${commitsWithoutWaitingForDisk(db)}
      on conflict (meeting_id, block_index) where block_index is not null
      do update set kind = excluded.kind, text = excluded.text`;
  }
}

/** Records that the meeting's log is indexed up to `updateId` (after its blocks are written). */
export async function markIndexed(db: Queryable, meetingId: string, updateId: string): Promise<void> {
  await db`
    insert into search_indexed (meeting_id, update_id) select ${meetingId}, ${updateId}::bigint where ${commitsWithoutWaitingForDisk(db)}
    on conflict (meeting_id) do update set update_id = greatest(search_indexed.update_id, excluded.update_id)`;
}

/**
 * Checks the `n` indexed words after `after` (in word order) and removes those no text has;
 * returns the last word checked, or null once past the last word.
 */
export async function pruneWords(db: Queryable, after: string, n: number): Promise<string | null> {
  const [row] = await db<{ last: string | null }[]>`select mahdar_prune_words(${after}, ${n}::int) as last where ${commitsWithoutWaitingForDisk(db)}`;
  return row!.last;
}

/** The planner's estimate of the rows of `search_entries` (0 when never analysed). */
export async function searchEntryEstimate(db: Queryable): Promise<number> {
  const [row] = await db<{ rows: number }[]>`select greatest(reltuples, 0)::float8 as rows from pg_class where oid = 'search_entries'::regclass`;
  return row!.rows;
}

/** Refreshes the planner's statistics of what a search reads. */
export async function analyzeSearch(db: Queryable): Promise<void> {
  await db`analyze search_entries, meetings`;
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
 * Which of `words` match a word of the query (the same stems and widening as the search: the
 * query with `&` read as `|`), so the reader sees why a text was found. Each word normalised and
 * stemmed by both configurations, once (a superset of its stems in the vector: a word equal to
 * a query word once normalised is marked too).
 */
export async function matchingWords(db: Queryable, tsquery: string, words: string[]): Promise<Set<string>> {
  if (words.length === 0) return new Set();
  const rows = await db<{ word: string }[]>`
    select word from (select w.word, mahdar_norm(w.word) as norm from unnest(${words}::text[]) as w (word) offset 0) n
    where (to_tsvector('arabic'::regconfig, norm) || to_tsvector('english'::regconfig, norm)) @@ replace(${tsquery}, '&', '|')::tsquery`;
  return new Set(rows.map((r) => r.word));
}
