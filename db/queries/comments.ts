import { isUuid } from '../../shared/ids.js';
import type { Fragment } from 'postgres';
import type { Queryable } from '../client.js';

export interface CommentRow {
  id: string;
  meetingId: string;
  authorId: string;
  authorName: string;
  parentId: string | null;
  anchorStart: string | null;
  anchorEnd: string | null;
  quote: string | null;
  body: string;
  resolved: boolean;
  createdAt: Date;
  editedAt: Date | null;
}

export interface NewComment {
  meetingId: string;
  authorId: string;
  parentId: string | null;
  anchor: { start: string; end: string } | null;
  quote: string | null;
  body: string;
}

function selectComments(db: Queryable, where: Fragment) {
  return db<CommentRow[]>`
    select c.id, c.meeting_id, c.author_id, u.name as author_name, c.parent_id, c.anchor_start, c.anchor_end, c.quote,
           c.body, c.resolved, c.created_at, c.edited_at
    from comments c join users u on u.id = c.author_id
    where ${where} order by c.created_at, c.id`;
}

export async function insertComment(db: Queryable, input: NewComment): Promise<CommentRow> {
  const [row] = await db<{ id: string }[]>`
    insert into comments (meeting_id, author_id, parent_id, anchor_start, anchor_end, quote, body)
    values (${input.meetingId}, ${input.authorId}, ${input.parentId}, ${input.anchor?.start ?? null}, ${input.anchor?.end ?? null},
            ${input.quote}, ${input.body})
    returning id`;
  return (await findComment(db, input.meetingId, row!.id))!;
}

export async function findComment(db: Queryable, meetingId: string, id: string): Promise<CommentRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await selectComments(db, db`c.meeting_id = ${meetingId} and c.id = ${id}`);
  return row;
}

export function listComments(db: Queryable, meetingId: string): Promise<CommentRow[]> {
  return selectComments(db, db`c.meeting_id = ${meetingId}`);
}

export function listAnchoredComments(db: Queryable, meetingId: string): Promise<CommentRow[]> {
  return selectComments(db, db`c.meeting_id = ${meetingId} and c.anchor_start is not null`);
}

export async function setCommentResolved(db: Queryable, meetingId: string, id: string, resolved: boolean): Promise<CommentRow | undefined> {
  await db`update comments set resolved = ${resolved} where meeting_id = ${meetingId} and id = ${id}`;
  return findComment(db, meetingId, id);
}

export async function setCommentBody(db: Queryable, meetingId: string, id: string, body: string): Promise<CommentRow | undefined> {
  await db`update comments set body = ${body}, edited_at = now() where meeting_id = ${meetingId} and id = ${id}`;
  return findComment(db, meetingId, id);
}

/** Deletes a comment and (for a thread's first comment) its replies; the ids removed. */
export async function deleteComment(db: Queryable, meetingId: string, id: string): Promise<string[]> {
  const rows = await db<{ id: string }[]>`
    delete from comments where meeting_id = ${meetingId} and (id = ${id} or parent_id = ${id}) returning id`;
  return rows.map((r) => r.id);
}

export async function updateCommentQuote(db: Queryable, id: string, quote: string): Promise<boolean> {
  const rows = await db`update comments set quote = ${quote} where id = ${id} and quote is distinct from ${quote} returning id`;
  return rows.length > 0;
}
