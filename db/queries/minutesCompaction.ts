import type { Queryable, Sql } from '../client.js';
import { appendUpdate } from './minutesUpdates.js';
import { loadUpdates, type UpdateRow } from './minutesLog.js';

/**
 * Both ways of compacting a meeting's log swap their rows under this one lock, until the
 * transaction ends. The deletions that follow a swap run outside it, each its own commit, and may
 * meet another compaction's rows: every deletion locks its rows in id order first (`for update`),
 * as a delete by itself locks them in whatever order its plan reads them, and two compactions
 * doing that deadlocked (compaction.fuzz, seed 1, on Postgres).
 */
function lockCompactions(tx: Queryable, meetingId: string) {
  return tx`select pg_advisory_xact_lock(hashtextextended(${'minutes:' + meetingId}, 0))`;
}

/**
 * A document's state and the rows of its log it holds: every row up to `upTo`, and the rows
 * `also` after it (its own commits, rows it applied from notices). Whatever else is in the log
 * (rows after `upTo` it has not read) is not in `update`.
 */
export interface HeldRows {
  update: Uint8Array;
  upTo: number;
  also: number[];
}

/**
 * Compaction from a loaded document's state (a read point of its pipeline) instead of a replay
 * of the log: the rows that state holds are replaced by one row of it. Nothing is read or merged
 * (replaying a 6,000-row log took 220 ms of the main thread in slices, and reading it 40 ms of the
 * embedded database, during which everyone's typing waited). The merged row goes in with the
 * deletion of the first `part` held rows, under the same advisory lock as replaceUpdates; the
 * rest are deleted `part` at a time, each its own commit, as there. The held rows are named by
 * position, not listed: the commits of a meeting are serialized, so every row up to `upTo` is
 * one the document read or wrote (or a merged row of rows it held, swapped in atomically with
 * their deletion), and a row appended meanwhile is after `upTo` and not in `also`: kept.
 */
export async function replaceHeldUpdates(sql: Sql, meetingId: string, held: HeldRows, part = 500): Promise<{ before: number; after: number; row?: number }> {
  const isHeld = (db: Queryable) => db`meeting_id = ${meetingId} and (id <= ${held.upTo} or id = any(${held.also.map(String)}::bigint[]))`;
  const deleteSome = async (db: Queryable) => {
    const [deleted] = await db<{ n: number }[]>`
      with doomed as (select id from minutes_updates where ${isHeld(db)} order by id limit ${part} for update),
      gone as (delete from minutes_updates where id in (select id from doomed) returning 1)
      select count(*)::int as n from gone`;
    return deleted!.n;
  };
  const { before, row } = await sql.begin(async (tx) => {
    await lockCompactions(tx, meetingId);
    const [counted] = await tx<{ n: number }[]>`select count(*)::int as n from minutes_updates where ${isHeld(tx)}`;
    if (counted!.n < 2) return { before: counted!.n };
    await deleteSome(tx);
    return { before: counted!.n, row: Number(await appendUpdate(tx, meetingId, held.update)) };
  });
  if (row === undefined) return { before, after: before };
  while ((await deleteSome(sql)) === part);
  return { before, after: 1, row };
}

/** The rows a compaction read were swapped by another first. */
class Overtaken extends Error {}

/**
 * Replaces a meeting's rows by one merged row (compaction), without holding the log for long:
 * the embedded database serves one session at a time, and every commit of every meeting waited
 * 60–80 ms behind a 4,000-row compaction done in one transaction.
 * - The rows are read by one statement (a consistent, causally complete set) and merged before
 *   any transaction.
 * - The merged row goes in with the deletion of the first `part` rows read, under a per-meeting
 *   advisory lock; if any of them is gone (another compactor swapped them first), nothing
 *   changes. Rows are deleted by their exact ids, so an update appended meanwhile is kept.
 * - The other rows read are deleted `part` at a time, each its own commit. Until the last, the
 *   log holds the merged row and rows it merged: the same document (Yjs skips what it has), and
 *   what a crash leaves here is merged again by the next pass.
 */
export async function replaceUpdates(
  sql: Sql,
  meetingId: string,
  merge: (rows: UpdateRow[]) => Promise<Uint8Array>,
  part = 500,
): Promise<{ before: number; after: number }> {
  const rows = await loadUpdates(sql, meetingId);
  if (rows.length < 2) return { before: rows.length, after: rows.length };
  const merged = await merge(rows);
  const ids = rows.map((r) => r.id);
  const deleteRows = async (db: Queryable, from: number) => {
    const some = ids.slice(from, from + part);
    const [deleted] = await db<{ n: number }[]>`
      with doomed as (select id from minutes_updates where id = any(${some}::bigint[]) order by id for update),
      gone as (delete from minutes_updates where id in (select id from doomed) returning 1)
      select count(*)::int as n from gone`;
    return deleted!.n === some.length;
  };
  const swapped = await sql
    .begin(async (tx) => {
      await lockCompactions(tx, meetingId);
      if (!(await deleteRows(tx, 0))) throw new Overtaken(); // rolls the deletion back
      await appendUpdate(tx, meetingId, merged);
      return true;
    })
    .catch((error: unknown) => {
      if (error instanceof Overtaken) return false;
      throw error;
    });
  if (!swapped) return { before: rows.length, after: rows.length };
  for (let from = part; from < ids.length; from += part) await deleteRows(sql, from);
  return { before: rows.length, after: 1 };
}
