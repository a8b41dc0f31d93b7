import type * as Y from 'yjs';
import type { Database } from '../../../db/client.js';
import { findAmendment, hasAnchoredItems, listAmendments, updateAmendmentAnchorState, type AmendmentRow } from '../../../db/queries/amendments.js';
import { findComment, listAnchoredComments, updateCommentQuote, type CommentRow } from '../../../db/queries/comments.js';
import type { BackgroundLane } from '../collab/backgroundLane.js';
import { CoalescedRuns } from '../collab/coalescedRuns.js';
import type { DocumentRegistry } from '../collab/documentRegistry.js';
import type { LiveDocument } from '../collab/liveDocument.js';
import type { Logger } from '../logger.js';
import { anchorQuote } from '../../../shared/anchors/resolve.js';
import { storableText } from '../../../shared/storableText.js';
import { presentAmendment, presentComment } from '../presenters/amendment.js';
import type { Realtime } from '../realtime/realtime.js';
import { amendmentState } from './amendmentRange.js';
import { amendmentsOfMeeting } from './serial.js';

/**
 * Quotes follow the text within this (see CoalescedRuns). Every run queries the database, and on
 * the embedded one every query waits its turn with the commits: at 250 ms, fifty meetings typed
 * into made 370 of its 1,100 statements a second (bench:collab, 500 typists).
 */
const COALESCE_MS = 500;

function commentQuote(doc: Y.Doc, row: CommentRow): string {
  const found = anchorQuote(doc, { start: row.anchorStart!, end: row.anchorEnd! }, { acrossBlocks: true });
  return 'problem' in found ? '' : storableText(found.quote);
}

/**
 * Keeps the quotes of a meeting's open amendments and anchored comments equal to the text they
 * anchor in the committed minutes, marks amendments whose text was deleted `outdated`, and tells
 * the meeting's room what changed.
 */
export class AnchorWatch {
  private readonly runs: CoalescedRuns;

  constructor(
    private readonly db: Database,
    private readonly registry: DocumentRegistry,
    private readonly realtime: Realtime,
    private readonly log: Logger,
    lane?: BackgroundLane,
  ) {
    this.runs = new CoalescedRuns(
      COALESCE_MS,
      (meetingId) =>
        amendmentsOfMeeting(meetingId, () => this.recompute(meetingId)).catch((error: unknown) =>
          this.log.error('anchors.recompute_failed', { meetingId, error: String(error) }),
        ),
      lane,
    );
  }

  watch(doc: LiveDocument): void {
    doc.onCommitted(() => this.runs.schedule(doc.meetingId));
  }

  /** Recomputes now (tests, and after a decision that needs fresh quotes). */
  async recompute(meetingId: string): Promise<void> {
    if (!(await hasAnchoredItems(this.db.sql, meetingId))) return;
    const [amendments, comments] = await Promise.all([listAmendments(this.db.sql, meetingId, ['open']), listAnchoredComments(this.db.sql, meetingId)]);
    if (amendments.length === 0 && comments.length === 0) return;
    const now = await this.registry.with(meetingId, (live) =>
      live.read((doc) => ({ amendments: amendments.map((a) => amendmentState(doc, a)), comments: comments.map((c) => commentQuote(doc, c)) })),
    );
    const changedAmendments: AmendmentRow[] = [];
    for (const [i, row] of amendments.entries()) {
      const state = now.amendments[i]!;
      if (state.quote === row.quote && state.status === row.status) continue;
      if (await updateAmendmentAnchorState(this.db.sql, row.id, state)) changedAmendments.push((await findAmendment(this.db.sql, meetingId, row.id))!);
    }
    const changedComments: CommentRow[] = [];
    for (const [i, row] of comments.entries()) {
      if (now.comments[i] === row.quote) continue;
      if (await updateCommentQuote(this.db.sql, row.id, now.comments[i]!)) {
        const fresh = await findComment(this.db.sql, meetingId, row.id);
        if (fresh) changedComments.push(fresh);
      }
    }
    this.realtime.amendmentsChanged(meetingId, changedAmendments.map(presentAmendment));
    this.realtime.commentsChanged(meetingId, changedComments.map(presentComment));
  }

  /** Shutdown: nothing new starts; runs in progress finish (the next commit recomputes the rest). */
  stop(): Promise<void> {
    return this.runs.stop();
  }
}
