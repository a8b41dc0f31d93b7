import type { AmendmentDto } from '../../../shared/api/amendments.js';
import type { CommentDto } from '../../../shared/api/comments.js';
import type { AmendmentRow } from '../../../db/queries/amendments.js';
import type { CommentRow } from '../../../db/queries/comments.js';

export function presentAmendment(row: AmendmentRow): AmendmentDto {
  return {
    id: row.id,
    side: row.side,
    author: { id: row.authorId, name: row.authorName },
    anchor: { start: row.anchorStart, end: row.anchorEnd },
    quote: row.quote,
    proposed: row.proposed,
    rationale: row.rationale,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    ...(row.decidedById ? { decidedBy: { id: row.decidedById, name: row.decidedByName ?? '' } } : {}),
    ...(row.decidedAt ? { decidedAt: row.decidedAt.toISOString() } : {}),
    ...(row.reason ? { reason: row.reason } : {}),
  };
}

export function presentComment(row: CommentRow): CommentDto {
  return {
    id: row.id,
    author: { id: row.authorId, name: row.authorName },
    ...(row.anchorStart && row.anchorEnd ? { anchor: { start: row.anchorStart, end: row.anchorEnd }, quote: row.quote ?? '' } : {}),
    body: row.body,
    ...(row.parentId ? { parentId: row.parentId } : {}),
    resolved: row.resolved,
    createdAt: row.createdAt.toISOString(),
    ...(row.editedAt ? { editedAt: row.editedAt.toISOString() } : {}),
  };
}
