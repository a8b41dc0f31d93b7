import type { Queryable, Sql } from '../client.js';

export interface UpdateRow {
  id: string;
  update: Uint8Array;
}

/** Appends one (merged) update to a meeting's log. Returns its id. */
export async function appendUpdate(db: Queryable, meetingId: string, update: Uint8Array): Promise<string> {
  const [row] = await db<{ id: string }[]>`
    insert into minutes_updates (meeting_id, update) values (${meetingId}, ${Buffer.from(update.buffer, update.byteOffset, update.byteLength)})
    returning id`;
  return row!.id;
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

/**
 * Replaces the given rows by one merged row, in one transaction under a per-meeting advisory
 * lock (two compactors never merge the same rows). Rows are deleted by their exact ids, so an
 * update appended while the merge ran is kept.
 */
export async function replaceUpdates(
  sql: Sql,
  meetingId: string,
  merge: (rows: UpdateRow[]) => Uint8Array,
): Promise<{ before: number; after: number }> {
  return sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtextextended(${'minutes:' + meetingId}, 0))`;
    const rows = await loadUpdates(tx, meetingId);
    if (rows.length < 2) return { before: rows.length, after: rows.length };
    const merged = merge(rows);
    await appendUpdate(tx, meetingId, merged);
    await tx`delete from minutes_updates where id = any(${rows.map((r) => r.id)}::bigint[])`;
    return { before: rows.length, after: 1 };
  });
}
