import type { CreateCommentBody } from '../../../shared/api/comments.js';
import { appendAudit } from '../../../db/queries/auditLog.js';
import { deleteComment, findComment, insertComment, setCommentBody, setCommentResolved, type CommentRow } from '../../../db/queries/comments.js';
import { anchoredText } from '../amendments/anchoredText.js';
import type { Actor } from '../auth/authenticate.js';
import { requireCommentModerator, requireMeeting } from '../auth/policies.js';
import type { AppContext } from '../context.js';
import { forbidden, invalid, notFound } from '../errors.js';
import { presentComment } from '../presenters/amendment.js';

const FOREIGN_KEY_VIOLATION = '23503';

/** Any member comments, observers included (commenting is how they take part). */
export async function addComment(ctx: AppContext, actor: Actor, meetingId: string, input: CreateCommentBody): Promise<CommentRow> {
  const { meeting } = await requireMeeting(ctx.db.sql, actor, meetingId, 'read');
  if (input.parentId) {
    const parent = await findComment(ctx.db.sql, meeting.id, input.parentId);
    if (!parent) throw notFound('Comment');
    if (parent.parentId) throw invalid('Reply to the first comment of the thread.', [{ path: 'parentId', message: 'is itself a reply' }]);
  }
  const quote = input.anchor ? (await anchoredText(ctx, meeting.id, input.anchor, true)).quote : null;
  const row = await insertComment(ctx.db.sql, {
    meetingId: meeting.id,
    authorId: actor.user.id,
    parentId: input.parentId ?? null,
    anchor: input.anchor ?? null,
    quote,
    body: input.body,
  }).catch((error: unknown) => {
    // The thread was deleted since it was read: its replies' foreign key refuses this one.
    if (input.parentId && (error as { code?: unknown }).code === FOREIGN_KEY_VIOLATION) throw notFound('Comment');
    throw error;
  });
  ctx.realtime.commentsChanged(meeting.id, [presentComment(row)]);
  return row;
}

/** The thread a comment belongs to: its first comment. */
async function threadOf(ctx: AppContext, meetingId: string, commentId: string): Promise<CommentRow> {
  const comment = await findComment(ctx.db.sql, meetingId, commentId);
  if (!comment) throw notFound('Comment');
  if (!comment.parentId) return comment;
  const thread = await findComment(ctx.db.sql, meetingId, comment.parentId);
  if (!thread) throw notFound('Comment');
  return thread;
}

/** Resolves or reopens a whole thread (named by any of its comments): its author or the secretariat. */
export async function setThreadResolved(ctx: AppContext, actor: Actor, meetingId: string, commentId: string, resolved: boolean, ip: string): Promise<CommentRow> {
  const { meeting, access } = await requireMeeting(ctx.db.sql, actor, meetingId, 'read');
  const thread = await threadOf(ctx, meeting.id, commentId);
  requireCommentModerator(access, actor.user.id, thread.authorId);
  const row = await ctx.db.sql.begin(async (tx) => {
    const resolvedRow = await setCommentResolved(tx, meeting.id, thread.id, resolved);
    // Deleted by someone else since it was read.
    if (!resolvedRow) throw notFound('Comment');
    await appendAudit(tx, { actorId: actor.user.id, action: resolved ? 'comment.resolve' : 'comment.reopen', target: meeting.id, details: { commentId: thread.id }, ip });
    return resolvedRow;
  });
  ctx.realtime.commentsChanged(meeting.id, [presentComment(row)]);
  return row;
}

/** Its author corrects a comment's text. */
export async function editComment(ctx: AppContext, actor: Actor, meetingId: string, commentId: string, body: string): Promise<CommentRow> {
  const { meeting } = await requireMeeting(ctx.db.sql, actor, meetingId, 'read');
  const comment = await findComment(ctx.db.sql, meeting.id, commentId);
  if (!comment) throw notFound('Comment');
  if (comment.authorId !== actor.user.id) throw forbidden('Only its author can change a comment.');
  const row = await setCommentBody(ctx.db.sql, meeting.id, comment.id, body);
  if (!row) throw notFound('Comment');
  ctx.realtime.commentsChanged(meeting.id, [presentComment(row)]);
  return row;
}

/** Deletes a comment (a thread's first comment takes its replies with it): its author or the secretariat. */
export async function removeComment(ctx: AppContext, actor: Actor, meetingId: string, commentId: string, ip: string): Promise<void> {
  const { meeting, access } = await requireMeeting(ctx.db.sql, actor, meetingId, 'read');
  const comment = await findComment(ctx.db.sql, meeting.id, commentId);
  if (!comment) throw notFound('Comment');
  requireCommentModerator(access, actor.user.id, comment.authorId);
  const removed = await ctx.db.sql.begin(async (tx) => {
    const ids = await deleteComment(tx, meeting.id, comment.id);
    await appendAudit(tx, { actorId: actor.user.id, action: 'comment.delete', target: meeting.id, details: { commentId: comment.id, authorId: comment.authorId, removed: ids.length }, ip });
    return ids;
  });
  ctx.realtime.commentsChanged(meeting.id, [], removed);
}
