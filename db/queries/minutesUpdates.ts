import { byteaFromText } from '../byteaText.js';
import type { AuditEntry } from './auditLog.js';
import type { Queryable, Sql } from '../client.js';
import { requestSent } from '../requestSent.js';

export interface UpdateRow {
  id: string;
  update: Uint8Array;
}

/**
 * The channel every server process listens on (server/src/cluster): a commit announces its
 * meeting and row id here, in its own transaction, so a notice never precedes its row.
 */
export const CLUSTER_CHANNEL = 'mahdar_cluster';

/**
 * A commit's notice carries its row's bytes up to this size (base64, well under the 8000 bytes
 * Postgres takes per notice): the other processes apply a keystroke's row without reading it.
 */
export const NOTICE_CONTENT_BYTES = 4096;

/** A commit refused because the minutes are locked (approved), by whichever process locked them. */
export class MinutesLockedError extends Error {
  constructor(message = 'The minutes are approved and locked.') {
    super(message);
  }
}

const bytes = (update: Uint8Array) => Buffer.from(update.buffer, update.byteOffset, update.byteLength);
/** The type oid of `bytea[]`, for postgres.js to send an array of buffers as one. */
const BYTEA_ARRAY = 1001;
/** The type oid of `boolean[]`. */
const BOOL_ARRAY = 1000;

export interface Commit {
  meetingId: string;
  update: Uint8Array;
  owners: { clientId: number; userId: string | null }[];
  /** It holds writes of someone who may write only on a draft (a delegate): refused otherwise. */
  draftOnly?: boolean;
  /** Audit entries of the server changes it holds: written only with it, in its transaction. */
  audits?: AuditEntry[];
}

/**
 * A commit refused because it claims a client id that another user owns: on record, but not
 * yet known to the process that took the claim (another process recorded it a moment before).
 */
export class ClientIdTakenError extends Error {
  constructor() {
    super('A client id of this change belongs to another user.');
  }
}

/**
 * What became of one commit of a batch: its row id, or refused (locked, or claiming another
 * user's client id), or no such meeting.
 */
export type CommitOutcome = { id: number } | { locked: true } | { circulated: true } | { taken: true } | { missing: true };

/**
 * Commits one update of each of several live documents (at most one per meeting), in ONE
 * statement: under the meetings' row locks (taken in id order, so two processes' batches never
 * deadlock; held only inside the database, so the commits of a meeting are serialized and their
 * ids rise in commit order: whoever sees a row has seen every earlier one), each refused if its
 * minutes are locked (or, holding a delegate's writes, no longer a draft: circulated before this
 * process heard of it), with the owners of the client ids it introduces (an id already recorded
 * keeps its first owner, and a commit that claims it for someone else is refused: whichever
 * process claimed it first, the record decides, read under the row's lock) and, with
 * `announce`, a notice to the other server processes with the row id and, up to
 * NOTICE_CONTENT_BYTES, the row itself (the one process of the embedded database has nobody to
 * tell). One round trip and one transaction (one WAL flush) for every document that had
 * something to commit.
 */
export async function commitUpdates(db: Queryable, commits: Commit[], announce = true): Promise<CommitOutcome[]> {
  if (new Set(commits.map((c) => c.meetingId)).size !== commits.length) throw new Error('one commit per meeting in a batch');
  const meetingIds = commits.map((c) => c.meetingId);
  const claims = new Map(commits.flatMap((c) => c.owners.map((o) => [`${c.meetingId} ${o.clientId}`, { meetingId: c.meetingId, ...o }] as const)));
  const owners = [...claims.values()];
  const notice = announce
    ? db`pg_notify(${CLUSTER_CHANNEL}, json_build_object('t', 'minutes', 'm', i.meeting_id::text, 'p', ins.id, 'u',
        case when octet_length(i.update) <= ${NOTICE_CONTENT_BYTES} then translate(encode(i.update, 'base64'), E'\n', '') end)::text)`
    : db`null`;
  // Typing claims no client id, and its statement leaves the claims' part out: on the embedded
  // database a commit's round trip went from 790–880 to 650–770 µs (`npm run bench:commit`).
  // The ids a client's first edit claims are recorded with it, under the same locks.
  const claimed =
    owners.length === 0
      ? { ctes: db``, unclaimed: db``, taken: db`false` }
      : {
          ctes: db`, claim as (
              select * from unnest(${owners.map((o) => o.meetingId)}::uuid[], ${owners.map((o) => String(o.clientId))}::bigint[], ${owners.map((o) => o.userId)}::uuid[])
                as o (meeting_id, client_id, user_id)
            ), owners as (
              -- "do update" (to the same owner) rather than "do nothing": it returns the row on record,
              -- committed by whichever process claimed the id first, even after this statement began.
              insert into minutes_client_ids (meeting_id, client_id, user_id)
              select c.meeting_id, c.client_id, c.user_id from claim c join meeting m on m.id = c.meeting_id and not m.minutes_locked
              on conflict (meeting_id, client_id) do update set user_id = minutes_client_ids.user_id
              returning meeting_id, client_id, user_id
            ), taken as (
              select distinct c.meeting_id from claim c join owners o using (meeting_id, client_id) where o.user_id is distinct from c.user_id
            )`,
          unclaimed: db`where i.meeting_id not in (select meeting_id from taken)`,
          taken: db`i.meeting_id in (select meeting_id from taken)`,
        };
  // Server changes' audit entries (a status set from the tracker): written only with their row.
  const audits = commits.flatMap((c) => (c.audits ?? []).map((a) => ({ meetingId: c.meetingId, ...a })));
  const audited =
    audits.length === 0
      ? db``
      : db`, audited as (
          insert into audit_log (actor_id, action, target, details, ip)
          select a.actor_id, a.action, a.target, a.details::jsonb, a.ip
          from unnest(${audits.map((a) => a.meetingId)}::uuid[], ${audits.map((a) => a.actorId)}::uuid[], ${audits.map((a) => a.action)}::text[],
              ${audits.map((a) => a.target ?? null)}::text[], ${audits.map((a) => JSON.stringify(a.details ?? {}))}::text[], ${audits.map((a) => a.ip ?? null)}::text[])
            with ordinality as a (meeting_id, actor_id, action, target, details, ip, ord)
          where a.meeting_id in (select meeting_id from inserted)
          order by a.ord
        )`;
  const rows = await db<{ ord: string; locked: boolean | null; circulated: boolean; taken: boolean; id: string | null }[]>`
    with input as (
      select * from unnest(${meetingIds}::uuid[], ${db.array(commits.map((c) => bytes(c.update)) as never, BYTEA_ARRAY)}::bytea[],
          ${db.array(commits.map((c) => c.draftOnly === true) as never, BOOL_ARRAY)}::boolean[])
        with ordinality as t (meeting_id, update, draft_only, ord)
    ), meeting as (
      select id, minutes_locked, status from meetings where id = any(${meetingIds}::uuid[]) order by id for no key update
    )${claimed.ctes}, inserted as (
      insert into minutes_updates (meeting_id, update)
      select i.meeting_id, i.update from input i join meeting m on m.id = i.meeting_id and not m.minutes_locked
        and (m.status = 'draft' or not i.draft_only)
      ${claimed.unclaimed}
      order by i.ord
      returning id, meeting_id
    )${audited}
    select i.ord, m.minutes_locked as locked, coalesce(i.draft_only and m.status <> 'draft', false) as circulated, ${claimed.taken} as taken, ins.id,
      case when ins.id is not null then ${notice} end
    from input i left join meeting m on m.id = i.meeting_id left join inserted ins on ins.meeting_id = i.meeting_id
    order by i.ord`;
  return rows.map((row) =>
    row.locked === null
      ? { missing: true }
      : row.taken
        ? { taken: true }
        : row.locked || (row.id === null && !row.circulated)
          ? { locked: true }
          : row.circulated
            ? { circulated: true }
            : { id: Number(row.id) },
  );
}

/** A commit's row id, or the error that says why there is none. */
export function commitResult(meetingId: string, outcome: CommitOutcome): number {
  if ('missing' in outcome) throw new Error(`meeting ${meetingId} does not exist`);
  if ('locked' in outcome) throw new MinutesLockedError();
  if ('circulated' in outcome) throw new MinutesLockedError('The minutes were circulated: only the secretariat can change them now.');
  if ('taken' in outcome) throw new ClientIdTakenError();
  return outcome.id;
}

/**
 * The meeting's rows after `afterId`, in order; rows whose id is in `known` come without their
 * bytes (the caller wrote them). Commits of a meeting are serialized, so this is never a set
 * with a gap that a later read would fill (a compaction's merged row may appear later with a
 * lower id, but it holds only rows that were visible before it).
 */
export async function updatesAfter(db: Queryable, meetingId: string, afterId: number, known: number[]): Promise<{ id: number; update: Uint8Array | null }[]> {
  const rows = await db<{ id: string; update: Uint8Array | null }[]>`
    select id, case when id = any(${known.map(String)}::bigint[]) then null else update end as update
    from minutes_updates where meeting_id = ${meetingId} and id > ${afterId} order by id`;
  return rows.map((r) => ({ id: Number(r.id), update: r.update }));
}

/** Locks or unlocks the minutes for every process, and tells the others (same transaction). */
export async function setMinutesLocked(db: Queryable, meetingId: string, locked: boolean, nodeId: string): Promise<void> {
  await db`
    with changed as (update meetings set minutes_locked = ${locked} where id = ${meetingId} returning id)
    select pg_notify(${CLUSTER_CHANNEL}, json_build_object('t', 'lock', 'm', id::text, 'n', ${nodeId}::text, 'locked', ${locked}::boolean)::text)
    from changed`;
}

export async function minutesLocked(db: Queryable, meetingId: string): Promise<boolean> {
  const [row] = await db<{ minutesLocked: boolean }[]>`select minutes_locked from meetings where id = ${meetingId}`;
  return row?.minutesLocked ?? false;
}

/** Appends one (merged) update to a meeting's log. Returns its id. */
export async function appendUpdate(db: Queryable, meetingId: string, update: Uint8Array): Promise<string> {
  const [row] = await db<{ id: string }[]>`
    insert into minutes_updates (meeting_id, update) values (${meetingId}, ${bytes(update)})
    returning id`;
  return row!.id;
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
      with gone as (
        delete from minutes_updates where id in (select id from minutes_updates where ${isHeld(db)} order by id limit ${part}) returning 1
      ) select count(*)::int as n from gone`;
    return deleted!.n;
  };
  const { before, row } = await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(hashtextextended(${'minutes:' + meetingId}, 0))`;
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
      with gone as (delete from minutes_updates where id = any(${some}::bigint[]) returning 1)
      select count(*)::int as n from gone`;
    return deleted!.n === some.length;
  };
  const swapped = await sql
    .begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(hashtextextended(${'minutes:' + meetingId}, 0))`;
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
