import type { AmendmentStatus } from '../../shared/api/amendments.js';
import { isUuid } from '../../shared/ids.js';
import type { Fragment } from 'postgres';
import type { Queryable } from '../client.js';

export interface AmendmentRow {
  id: string;
  meetingId: string;
  authorId: string;
  authorName: string;
  side: string | null;
  anchorStart: string;
  anchorEnd: string;
  insertion: boolean;
  quote: string;
  proposed: string;
  rationale: string;
  status: AmendmentStatus;
  createdAt: Date;
  decidedById: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  reason: string | null;
}

export type NewAmendment = Pick<
  AmendmentRow,
  'meetingId' | 'authorId' | 'side' | 'anchorStart' | 'anchorEnd' | 'insertion' | 'quote' | 'proposed' | 'rationale'
>;

function selectAmendments(db: Queryable, where: Fragment) {
  return db<AmendmentRow[]>`
    select a.id, a.meeting_id, a.author_id, u.name as author_name, a.side, a.anchor_start, a.anchor_end, a.insertion,
           a.quote, a.proposed, a.rationale, a.status, a.created_at, a.decided_by as decided_by_id,
           d.name as decided_by_name, a.decided_at, a.reason
    from amendments a join users u on u.id = a.author_id left join users d on d.id = a.decided_by
    where ${where} order by a.created_at, a.id`;
}

export async function insertAmendment(db: Queryable, input: NewAmendment): Promise<AmendmentRow> {
  const [row] = await db<{ id: string }[]>`
    insert into amendments (meeting_id, author_id, side, anchor_start, anchor_end, insertion, quote, proposed, rationale)
    values (${input.meetingId}, ${input.authorId}, ${input.side}, ${input.anchorStart}, ${input.anchorEnd}, ${input.insertion},
            ${input.quote}, ${input.proposed}, ${input.rationale})
    returning id`;
  return (await findAmendment(db, input.meetingId, row!.id))!;
}

export async function findAmendment(db: Queryable, meetingId: string, id: string): Promise<AmendmentRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await selectAmendments(db, db`a.meeting_id = ${meetingId} and a.id = ${id}`);
  return row;
}

export function listAmendments(db: Queryable, meetingId: string, statuses?: AmendmentStatus[]): Promise<AmendmentRow[]> {
  return selectAmendments(db, statuses ? db`a.meeting_id = ${meetingId} and a.status in ${db(statuses)}` : db`a.meeting_id = ${meetingId}`);
}

/**
 * What of the meeting is anchored in its text (open amendments, anchored comments): most meetings have nothing, and this one cheap statement spares them two lists.
 */
export async function anchoredItems(db: Queryable, meetingId: string): Promise<{ openAmendments: boolean; anchoredComments: boolean }> {
  const [row] = await db<{ openAmendments: boolean; anchoredComments: boolean }[]>`
    select exists (select 1 from amendments where meeting_id = ${meetingId} and status = 'open') as open_amendments,
           exists (select 1 from comments where meeting_id = ${meetingId} and anchor_start is not null) as anchored_comments`;
  return row!;
}

export async function countOpenAmendments(db: Queryable, meetingId: string): Promise<number> {
  const [row] = await db<{ count: number }[]>`select count(*)::int as count from amendments where meeting_id = ${meetingId} and status = 'open'`;
  return row!.count;
}

/**
 * Decides an amendment that is still open (accepted, rejected, withdrawn); undefined when it was
 * not open any more (someone else decided first).
 */
export async function decideAmendment(
  db: Queryable,
  meetingId: string,
  id: string,
  decision: { status: 'accepted' | 'rejected' | 'withdrawn'; by: string; reason?: string; quote?: string },
  /** The statuses it may be decided from: open ones, and (see acceptAmendment) outdated ones whose wording is in. */
  from: AmendmentStatus[] = ['open'],
): Promise<AmendmentRow | undefined> {
  const [row] = await db<{ id: string }[]>`
    update amendments set status = ${decision.status}, decided_by = ${decision.by}, decided_at = now(),
      reason = ${decision.reason ?? null}, quote = coalesce(${decision.quote ?? null}, quote)
    where meeting_id = ${meetingId} and id = ${id} and status in ${db(from)} returning id`;
  return row && findAmendment(db, meetingId, row.id);
}

/** A recomputed quote, or `outdated`, written only while the amendment is still open. */
export async function updateAmendmentAnchorState(db: Queryable, id: string, state: { quote: string; status: 'open' | 'outdated' }): Promise<boolean> {
  const rows = await db`
    update amendments set quote = ${state.quote}, status = ${state.status}
    where id = ${id} and status = 'open' and (quote <> ${state.quote} or status <> ${state.status}) returning id`;
  return rows.length > 0;
}
