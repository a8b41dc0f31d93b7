import { byteaFromText } from '../byteaText.js';
import type { Queryable, Sql } from '../client.js';
import { requestSent } from '../requestSent.js';

/** One row of a meeting's update log (minutes_updates). */
export interface UpdateRow {
  id: string;
  update: Uint8Array;
}

/** Splits a `string_agg` of length-prefixed updates (see readLog) into views of one buffer. */
function splitLog(log: Uint8Array, meetingId: string): Uint8Array[] {
  const view = new DataView(log.buffer, log.byteOffset, log.byteLength);
  const updates: Uint8Array[] = [];
  for (let at = 0; at < log.byteLength; ) {
    const length = view.getUint32(at);
    if (at + 4 + length > log.byteLength) throw new Error(`the log of meeting ${meetingId} was read truncated`);
    updates.push(log.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return updates;
}

/** Rows of a log read per statement (readLog). */
export const LOG_CHUNK_ROWS = 10_000;

/**
 * Readies a transaction for reading logs in parts: the parts then take the ordered index scan
 * that stops after a part's rows, not a bitmap scan of every row left followed by a sort. Without
 * statistics on the log (the embedded database never gathers them, a Postgres server not before
 * autovacuum does) the planner takes a long log for a few hundred rows and chose the latter, so
 * that every part read the rest of the log again (a 100,000-row log: its first part 110 ms
 * instead of 34, the next ones 40 instead of 13). For this transaction only.
 */
export function planLogRead(tx: Queryable) {
  return tx`select set_config('enable_bitmapscan', 'off', true)`;
}

/** One part of a log: the updates after row `afterId`, at most `rows`, as one value (see readLog). */
export function logPart(db: Queryable, meetingId: string, afterId: number, rows: number) {
  return db<{ log: Uint8Array | null; last: string | null; rows: number }[]>`
    select string_agg(int4send(octet_length(update)) || update, ''::bytea order by id) as log, max(id) as last, count(*)::int as rows
    from (select id, update from minutes_updates where meeting_id = ${meetingId} and id > ${afterId} order by id limit ${rows}) s`;
}

/**
 * A meeting's whole log in order, handed to `apply` in parts of `chunkRows` rows; resolves with
 * the id of its last row (0: none). Each part is ONE value: the updates prefixed by their length
 * (4 bytes, big-endian) and concatenated by the database, rather than a row per keystroke to
 * parse (about half the reading time). The next part is read while `apply` works on this one
 * (a 100,000-row log: reading and replaying overlap). The parts are read in one repeatable-read
 * transaction: one snapshot, as a single statement would see, so a compaction that commits
 * between two parts can neither hide rows nor show them twice. `apply` throwing ends the read.
 */
export async function readLog(sql: Sql, meetingId: string, apply: (updates: Uint8Array[]) => void, chunkRows = LOG_CHUNK_ROWS): Promise<number> {
  return sql.begin('isolation level repeatable read read only', async (tx) => {
    const part = (afterId: number) => {
      // Raw: the log's hex text as it arrived, decoded here (byteaText.ts).
      const query = logPart(tx, meetingId, afterId, chunkRows).raw().execute();
      // If `apply` throws while this part is on its way, nobody awaits it: its failure (the
      // transaction rolled back under it) must not become an unhandled rejection.
      query.catch(() => {});
      return query;
    };
    // Sent with the first part, in the same round trip.
    const planned = planLogRead(tx).execute();
    let position = 0;
    let next = part(0);
    await planned;
    for (;;) {
      const [[log, last, rows] = []] = await next;
      if (!log) return position;
      position = Number(String(last));
      const more = Number(String(rows)) === chunkRows;
      if (more) {
        next = part(position);
        await requestSent();
      }
      apply(splitLog(byteaFromText(log), meetingId));
      if (!more) return position;
    }
  });
}

/** A meeting's whole log in order, and the id of its last row (0: none); see readLog. */
export async function loadLog(sql: Sql, meetingId: string): Promise<{ updates: Uint8Array[]; position: number }> {
  const updates: Uint8Array[] = [];
  const position = await readLog(sql, meetingId, (part) => {
    for (const update of part) updates.push(update);
  });
  return { updates, position };
}

export async function loadUpdates(db: Queryable, meetingId: string): Promise<UpdateRow[]> {
  return db<UpdateRow[]>`select id, update from minutes_updates where meeting_id = ${meetingId} order by id`;
}

/** Bytes of a meeting's stored log: the size of its minutes, without reading them. */
export async function logBytes(db: Queryable, meetingId: string): Promise<number> {
  const [row] = await db<{ bytes: number }[]>`
    select coalesce(sum(octet_length(update)), 0)::float8 as bytes from minutes_updates where meeting_id = ${meetingId}`;
  return row!.bytes;
}

export async function countUpdates(db: Queryable, meetingId: string): Promise<number> {
  const [row] = await db<{ n: number }[]>`select count(*)::int as n from minutes_updates where meeting_id = ${meetingId}`;
  return row!.n;
}

/** Meetings whose log has more than `threshold` rows: candidates for compaction. */
export async function meetingsWithLongLogs(db: Queryable, threshold: number): Promise<string[]> {
  const rows = await db<{ meetingId: string }[]>`
    select meeting_id from minutes_updates group by meeting_id having count(*) > ${threshold}`;
  return rows.map((r) => r.meetingId);
}
