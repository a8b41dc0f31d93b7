import type { AuditEntry } from './auditLog.js';
import type { Queryable } from '../client.js';

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
