import type * as Y from 'yjs';
import { anchoredItems, findAmendment, listAmendments, updateAmendmentAnchorState, type AmendmentRow } from '../../../db/queries/amendments.js';
import { findComment, listAnchoredComments, updateCommentQuote, type CommentRow } from '../../../db/queries/comments.js';
import type { AfterCommitTask } from '../collab/afterCommitWork.js';
import type { DocumentRegistry } from '../collab/documentRegistry.js';
import type { AppContext } from '../context.js';
import type { Logger } from '../logger.js';
import { anchorQuote } from '../../../shared/anchors/resolve.js';
import { storableText } from '../../../shared/storableText.js';
import { presentAmendment, presentComment } from '../presenters/amendment.js';
import type { Realtime } from '../realtime/realtime.js';
import { amendmentState } from './amendmentRange.js';
import { amendmentsOfMeeting } from './serial.js';

function commentQuote(doc: Y.Doc, row: CommentRow): string {
  const found = anchorQuote(doc, { start: row.anchorStart!, end: row.anchorEnd! }, { acrossBlocks: true });
  return 'problem' in found ? '' : storableText(found.quote);
}

/**
 * Keeps the quotes of a meeting's open amendments and anchored comments equal to the text they
 * anchor in the committed minutes, marks amendments whose text was deleted `outdated`, and tells
 * the meeting's room what changed. Runs with the rest of the meeting's after-commit work (the
 * quotes follow the text within its throttle); each run asks the database first whether the
 * meeting has anything anchored at all.
 */
export class AnchorWatch {
  constructor(
    private readonly ctx: Pick<AppContext, 'db' | 'cluster'>,
    private readonly registry: DocumentRegistry,
    private readonly realtime: Realtime,
    private readonly log: Logger,
  ) {}

  /** Its part of the after-commit work: the commits of other processes are theirs to follow. */
  readonly task: AfterCommitTask = {
    alsoFromLog: false,
    run: async (meetingId) => {
      try {
        // Most meetings have nothing anchored. Without open amendments no decision can race the
        // recomputation, which then takes no lock of the shared database (an amendment proposed
        // after this read would have to be proposed and accepted meanwhile).
        const { openAmendments, anchoredComments } = await anchoredItems(this.ctx.db.sql, meetingId);
        if (openAmendments || anchoredComments) await amendmentsOfMeeting(this.ctx, meetingId, () => this.recompute(meetingId), !openAmendments);
      } catch (error) {
        this.log.error('anchors.recompute_failed', { meetingId, error: String(error) });
      }
    },
  };

  /** Under the amendments' lock: an accept in progress anywhere finishes first. */
  private async recompute(meetingId: string): Promise<void> {
    const [amendments, comments] = await Promise.all([listAmendments(this.ctx.db.sql, meetingId, ['open']), listAnchoredComments(this.ctx.db.sql, meetingId)]);
    if (amendments.length === 0 && comments.length === 0) return;
    const now = await this.registry.with(meetingId, (live) =>
      live.read((doc) => ({ amendments: amendments.map((a) => amendmentState(doc, a)), comments: comments.map((c) => commentQuote(doc, c)) })),
    );
    const changedAmendments: AmendmentRow[] = [];
    for (const [i, row] of amendments.entries()) {
      const state = now.amendments[i]!;
      if (state.quote === row.quote && state.status === row.status) continue;
      if (await updateAmendmentAnchorState(this.ctx.db.sql, row.id, state)) changedAmendments.push((await findAmendment(this.ctx.db.sql, meetingId, row.id))!);
    }
    const changedComments: CommentRow[] = [];
    for (const [i, row] of comments.entries()) {
      if (now.comments[i] === row.quote) continue;
      if (await updateCommentQuote(this.ctx.db.sql, row.id, now.comments[i]!)) {
        const fresh = await findComment(this.ctx.db.sql, meetingId, row.id);
        if (fresh) changedComments.push(fresh);
      }
    }
    this.realtime.amendmentsChanged(meetingId, changedAmendments.map(presentAmendment));
    this.realtime.commentsChanged(meetingId, changedComments.map(presentComment));
  }
}
