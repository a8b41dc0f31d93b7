import { listAmendments } from '../../../db/queries/amendments.js';
import type { GroupRow } from '../../../db/queries/groups.js';
import type { MeetingRow } from '../../../db/queries/meetings.js';
import type { AppContext } from '../context.js';
import type { AnnexAmendment } from '../export/pdf/amendmentAnnex.js';
import { sideName } from './pdfRecord.js';

/** The open amendments of a meeting for the PDF annex: the group's sides in order, then the rest. */
export async function annexAmendments(ctx: AppContext, meeting: MeetingRow, group: GroupRow): Promise<AnnexAmendment[]> {
  const open = await listAmendments(ctx.db.sql, meeting.id, ['open']);
  const order = (side: string | null) => {
    const i = group.sides.findIndex((s) => s.key === side);
    return i === -1 ? group.sides.length : i;
  };
  return open
    .map((a, i) => ({ a, i }))
    .sort((x, y) => order(x.a.side) - order(y.a.side) || x.i - y.i)
    .map(({ a }) => {
      const side = group.sides.find((s) => s.key === a.side);
      return { side: side ? sideName(side, meeting.language) : null, author: a.authorName, quote: a.quote, proposed: a.proposed, rationale: a.rationale };
    });
}
