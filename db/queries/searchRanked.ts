import type { DigitPolicy } from '../../shared/domain.js';
import type { Queryable } from '../client.js';
import type { SearchKind } from './search.js';

/**
 * How many matching rows a search ranks before it ranks only the newest meetings' (see
 * `searchEntries`). Ranking reads every match's row: a few hundred take a few milliseconds; the
 * 35,000 matches of a common word in 500 meetings took 200–300 ms.
 */
export const RANKED_MATCHES = 300;

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
  groupDigits: DigitPolicy;
  titleAr: string;
  titleEn: string;
  startsAt: Date;
  blockIndex: number | null;
  text: string;
}

export interface SearchPage {
  rows: SearchRow[];
  /** Matches in all the caller may read, or (`totalIsLowerBound`) in the newest meetings ranked. */
  total: number;
  totalIsLowerBound: boolean;
}

/**
 * One ranked full-text match on the vectors (GIN), restricted to what the caller may read: best
 * rank first, then newer meetings, then document order.
 *
 * Ranking reads every match, so a query matching more than `RANKED_MATCHES` rows ranks the
 * matches of the newest meetings only: the newest 8 when they hold that many, else as many more
 * as the matches found so far suggest (at least twice as many each time). Its total is then
 * theirs, a lower bound, and the pages end there; should the window grow to every meeting, all
 * matches are ranked and counted. A window is matched as the intersection of the GIN index's
 * rows and those of its meetings, so a common word reads about as many rows as are ranked, not
 * all its matches (35,000 in the benchmark's 500 meetings). Each step is one statement: the
 * round trips, not the rows, are most of a search's time on a busy machine.
 */
export async function searchEntries(db: Queryable, f: SearchFilter & { tsquery: string }): Promise<SearchPage> {
  // A common word: the newest few meetings hold enough (one statement; most such searches end here).
  const first = NEWEST_FIRST;
  const recent = await ranked(db, f, { newest: first });
  if (recent.total >= RANKED_MATCHES || !recent.totalIsLowerBound) return recent;
  const newest = await newestMeetings(db, f, NEWEST_MEETINGS);
  // Most other searches match few rows: ranked and counted whole in one statement, which gives
  // up (reads no further) past `RANKED_MATCHES`. Not tried when the newest meetings' share
  // says there are many more (a topic of one meeting in eight): they would be read for nothing.
  if ((recent.total * newest.length) / first <= 2 * RANKED_MATCHES) {
    const all = await ranked(db, f, null, RANKED_MATCHES + 1);
    if (all.total <= RANKED_MATCHES) return all;
  }
  let [n, found] = [first, recent.total];
  for (;;) {
    // As many more meetings as the matches so far suggest (a quarter more), at least twice as many.
    n = Math.max(2 * n, found === 0 ? 8 * n : Math.ceil((1.25 * n * RANKED_MATCHES) / found));
    if (n >= newest.length) return ranked(db, f, null);
    const page = await ranked(db, f, { ids: newest.slice(0, n) });
    if (page.total >= RANKED_MATCHES) return page;
    found = page.total;
  }
}

/** The first window: the newest 8 meetings. */
const NEWEST_FIRST = 8;

/** The meetings whose matches are ranked: all, these, or the newest `newest` (found by the statement). */
type Window = null | { ids: string[] } | { newest: number };

/** Beyond this many meetings, a window is no cheaper than the whole index. */
const NEWEST_MEETINGS = 2048;

/** The rows that match, of meetings the caller may read (of `window`, when given). */
function matching(db: Queryable, f: SearchFilter & { tsquery: string }, window: Window) {
  // The window as ids (constants, or an array computed first): the planner can then intersect
  // the GIN index's bitmap with that of `search_entries_meeting_rows_idx`.
  const inWindow =
    window === null
      ? db`true`
      : 'ids' in window
        ? db`s.meeting_id = any(${window.ids}::uuid[])`
        : db`s.meeting_id = any(array(select m.id from meetings m where ${meetingsOf(db, f)} order by m.starts_at desc, m.id limit ${window.newest}))`;
  return db`s.vector @@ ${f.tsquery}::tsquery
    and ${meetingsOf(db, f)}
    and ${f.kind ? db`s.kind = ${f.kind}` : db`true`}
    and ${inWindow}`;
}

function meetingsOf(db: Queryable, f: SearchFilter) {
  const none = db`true`;
  const day = db`(m.starts_at at time zone m.time_zone)::date`;
  return db`${f.groupIds === null ? none : db`m.group_id = any(${f.groupIds}::uuid[])`}
    and ${f.groupId ? db`m.group_id = ${f.groupId}` : none}
    and ${f.from ? db`${day} >= ${f.from}::date` : none}
    and ${f.to ? db`${day} <= ${f.to}::date` : none}`;
}

/** The ids of the newest `n` meetings the caller may read (with the filter's dates), newest first. */
async function newestMeetings(db: Queryable, f: SearchFilter, n: number): Promise<string[]> {
  const rows = await db<{ id: string }[]>`select m.id from meetings m where ${meetingsOf(db, f)} order by m.starts_at desc, m.id limit ${n}`;
  return rows.map((r) => r.id);
}

/**
 * The page of the matches (of `window`'s meetings, when given) by rank, and their number. With
 * `atMost`, no more matches than that are read: when there are, the page is not the best and
 * the total is `atMost`.
 */
async function ranked(db: Queryable, f: SearchFilter & { tsquery: string }, window: Window, atMost?: number): Promise<SearchPage> {
  // Matches are ranked as narrow rows (id, rank, date); only the page's rows are read whole.
  const rows = await db<(SearchRow & { total: number; lowerBound: boolean })[]>`
    with matches as materialized (
      select s.id, ts_rank(s.vector, ${f.tsquery}::tsquery) as rank, m.starts_at, s.block_index
      from search_entries s join meetings m on m.id = s.meeting_id
      where ${matching(db, f, window)} ${atMost === undefined ? db`` : db`limit ${atMost}`}),
    page as (
      select id, rank from matches order by rank desc, starts_at desc, block_index nulls first limit ${f.limit} offset ${f.offset})
    select s.kind, s.meeting_id, m.group_id, g.digits as group_digits, m.title_ar, m.title_en, m.starts_at, s.block_index, s.text,
           (select count(*) from matches)::int as total, ${windowLeavesOut(db, f, window)} as lower_bound
    from (select 1) one left join (page p join search_entries s on s.id = p.id join meetings m on m.id = s.meeting_id join groups g on g.id = m.group_id) on true
    order by p.rank desc, m.starts_at desc, s.block_index nulls first`;
  // One row even when the page is empty (an offset past the end), for the total.
  const total = rows[0]!.total;
  return { rows: rows[0]!.meetingId === null ? [] : rows, total, totalIsLowerBound: rows[0]!.lowerBound };
}

/** Whether the window leaves out meetings the caller may read (`ids` are always fewer: see `searchEntries`). */
function windowLeavesOut(db: Queryable, f: SearchFilter, window: Window) {
  if (window === null) return db`false`;
  if ('ids' in window) return db`true`;
  return db`(select count(*) from (select 1 from meetings m where ${meetingsOf(db, f)} limit ${window.newest + 1}) x) > ${window.newest}`;
}
