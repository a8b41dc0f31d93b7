import { AMENDMENT_ERROR_CODES } from '../../../shared/api/amendmentErrors.js';
import type { AmendmentStatus, CreateAmendmentBody } from '../../../shared/api/amendments.js';
import type { MeetingStatus } from '../../../shared/domain.js';
import {
  countOpenAmendments,
  decideAmendment,
  findAmendment,
  insertAmendment,
  updateAmendmentAnchorState,
  type AmendmentRow,
} from '../../../db/queries/amendments.js';
import { AMENDMENT_APPLIED, appendAudit, findAmendmentApplied } from '../../../db/queries/auditLog.js';
import type { Queryable } from '../../../db/client.js';
import { memberSide } from '../../../db/queries/memberships.js';
import { anchoredText } from '../amendments/anchoredText.js';
import { amendmentRange } from '../amendments/amendmentRange.js';
import { amendmentsOfMeeting } from '../amendments/serial.js';
import type { Actor } from '../auth/authenticate.js';
import { requireAmendmentDecider, requireAmendmentProposer, requireMeeting } from '../auth/policies.js';
import type { AppContext } from '../context.js';
import { coded, forbidden, notFound } from '../errors.js';
import { rangeText } from '../../../shared/anchors/resolve.js';
import { storableText } from '../../../shared/storableText.js';
import { replaceRange } from '../minutes/replaceRange.js';
import { presentAmendment } from '../presenters/amendment.js';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** 409 while amendments are open: the minutes cannot be approved before each is decided. */
export async function requireNoOpenAmendments(db: Queryable, meetingId: string): Promise<void> {
  const count = await countOpenAmendments(db, meetingId);
  if (count === 0) return;
  throw coded(
    'conflict',
    AMENDMENT_ERROR_CODES.amendmentsOpen,
    `${plural(count, 'amendment is', 'amendments are')} still open: the secretariat must accept or reject ${count === 1 ? 'it' : 'them'} (or ${count === 1 ? 'its author withdraw it' : 'their authors withdraw them'}) before the minutes can be approved.`,
    { count },
  );
}

/** A delegate or the secretariat proposes new wording for the anchored text (draft or circulated minutes). */
export async function proposeAmendment(ctx: AppContext, actor: Actor, meetingId: string, input: CreateAmendmentBody, ip: string): Promise<AmendmentRow> {
  const { meeting, group, access } = await requireMeeting(ctx.db.sql, actor, meetingId, 'read');
  requireAmendmentProposer(access, meeting.status);
  const { quote, collapsed } = await anchoredText(ctx, meeting.id, input.anchor);
  const side = await memberSide(ctx.db.sql, group.id, actor.user.id);
  const row = await ctx.db.sql.begin(async (tx) => {
    // Under the meeting's row lock: an approval finishing now either sees this one open or is seen first.
    const [current] = await tx<{ status: MeetingStatus }[]>`select status from meetings where id = ${meeting.id} for update`;
    requireAmendmentProposer(access, current!.status);
    const inserted = await insertAmendment(tx, {
      meetingId: meeting.id,
      authorId: actor.user.id,
      side: group.sides.some((s) => s.key === side) ? side : null,
      anchorStart: input.anchor.start,
      anchorEnd: input.anchor.end,
      insertion: collapsed,
      quote,
      proposed: input.proposed,
      rationale: input.rationale,
    });
    await appendAudit(tx, { actorId: actor.user.id, action: 'amendment.propose', target: meeting.id, details: { amendmentId: inserted.id, side: inserted.side }, ip });
    return inserted;
  });
  ctx.realtime.amendmentsChanged(meeting.id, [presentAmendment(row)]);
  return row;
}

async function openAmendment(ctx: AppContext, meetingId: string, amendmentId: string): Promise<AmendmentRow> {
  const row = await findAmendment(ctx.db.sql, meetingId, amendmentId);
  if (!row) throw notFound('Amendment');
  if (row.status !== 'open') throw notOpen(row.status);
  return row;
}

const notOpen = (status: AmendmentStatus) =>
  coded('conflict', AMENDMENT_ERROR_CODES.amendmentNotOpen, `This amendment is ${status}: only an open amendment can be accepted, rejected or withdrawn.`, { status });

/**
 * The secretariat accepts: the anchored range is replaced by the proposed wording as one server
 * change through the minutes' durable pipeline (committed, then broadcast to every editor; it has
 * the server's origin, so nobody's undo reverts it). An amendment whose text is gone meanwhile
 * is outdated instead (409).
 */
export async function acceptAmendment(ctx: AppContext, actor: Actor, meetingId: string, amendmentId: string, ip: string): Promise<AmendmentRow> {
  const { meeting, access } = await requireMeeting(ctx.db.sql, actor, meetingId, 'read');
  requireAmendmentDecider(access, meeting.status);
  const row = await amendmentsOfMeeting(ctx, meeting.id, async () => {
    // Its wording went in, but the decision was not recorded (its transaction failed after the
    // text change had committed): a new attempt records it, with the words it replaced, rather
    // than replace its own wording again or find it outdated (its anchor moved with the change).
    const applied = await findAmendmentApplied(ctx.db.sql, meeting.id, amendmentId);
    if (applied) {
      const pending = await findAmendment(ctx.db.sql, meeting.id, amendmentId);
      if (!pending) throw notFound('Amendment');
      return decide(ctx, actor, pending, { status: 'accepted', by: actor.user.id, quote: applied.quote }, ip, ['open', 'outdated']);
    }
    const amendment = await openAmendment(ctx, meeting.id, amendmentId);
    let replaced: string | null = null;
    await ctx.registry.with(meeting.id, (live) =>
      live.change((doc) => {
        const range = amendmentRange(doc, amendment);
        if (!range) return;
        replaced = storableText(rangeText(range));
        replaceRange(range, amendment.proposed);
        // The text change is audited by the statement that commits it; the decision is a second
        // transaction, and the minutes must not change unrecorded if that one fails.
        return { actorId: actor.user.id, action: AMENDMENT_APPLIED, target: meeting.id, details: { amendmentId: amendment.id, quote: replaced, proposed: amendment.proposed }, ip };
      }),
    );
    if (replaced === null) {
      await updateAmendmentAnchorState(ctx.db.sql, amendment.id, { quote: '', status: 'outdated' });
      ctx.realtime.amendmentsChanged(meeting.id, [presentAmendment((await findAmendment(ctx.db.sql, meeting.id, amendment.id))!)]);
      throw notOpen('outdated');
    }
    return decide(ctx, actor, amendment, { status: 'accepted', by: actor.user.id, quote: replaced }, ip);
  });
  return row;
}

export async function rejectAmendment(ctx: AppContext, actor: Actor, meetingId: string, amendmentId: string, reason: string, ip: string): Promise<AmendmentRow> {
  const { meeting, access } = await requireMeeting(ctx.db.sql, actor, meetingId, 'read');
  requireAmendmentDecider(access, meeting.status);
  return amendmentsOfMeeting(ctx, meeting.id, async () => {
    const amendment = await openAmendment(ctx, meeting.id, amendmentId);
    return decide(ctx, actor, amendment, { status: 'rejected', by: actor.user.id, reason: reason || undefined }, ip);
  });
}

/** Its author takes an open amendment back. */
export async function withdrawAmendment(ctx: AppContext, actor: Actor, meetingId: string, amendmentId: string, ip: string): Promise<AmendmentRow> {
  const { meeting } = await requireMeeting(ctx.db.sql, actor, meetingId, 'read');
  return amendmentsOfMeeting(ctx, meeting.id, async () => {
    const amendment = await findAmendment(ctx.db.sql, meeting.id, amendmentId);
    if (!amendment) throw notFound('Amendment');
    if (amendment.authorId !== actor.user.id) throw forbidden('Only its author can withdraw an amendment.');
    if (amendment.status !== 'open') throw notOpen(amendment.status);
    return decide(ctx, actor, amendment, { status: 'withdrawn', by: actor.user.id }, ip);
  });
}

async function decide(
  ctx: AppContext,
  actor: Actor,
  amendment: AmendmentRow,
  decision: Parameters<typeof decideAmendment>[3],
  ip: string,
  from?: AmendmentStatus[],
): Promise<AmendmentRow> {
  const row = await ctx.db.sql.begin(async (tx) => {
    const decided = await decideAmendment(tx, amendment.meetingId, amendment.id, decision, from);
    if (!decided) throw notOpen((await findAmendment(tx, amendment.meetingId, amendment.id))!.status);
    await appendAudit(tx, {
      actorId: actor.user.id,
      action: `amendment.${decision.status === 'accepted' ? 'accept' : decision.status === 'rejected' ? 'reject' : 'withdraw'}`,
      target: amendment.meetingId,
      details: { amendmentId: amendment.id, side: amendment.side, authorId: amendment.authorId, quote: decided.quote, proposed: amendment.proposed, ...(decision.reason ? { reason: decision.reason } : {}) },
      ip,
    });
    return decided;
  });
  ctx.realtime.amendmentsChanged(amendment.meetingId, [presentAmendment(row)]);
  return row;
}
