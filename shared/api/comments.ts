import { z } from 'zod';
import { isUuid } from '../ids.js';
import { AMENDMENT_TEXT_MAX, AnchorBody, type PersonDto } from './amendments.js';

export const COMMENT_BODY_MAX = AMENDMENT_TEXT_MAX;

/** Plain text, shown as text (never as HTML); kept exactly as sent apart from outer whitespace. */
const body = z.string().trim().min(1, 'must not be empty').max(COMMENT_BODY_MAX);

/**
 * A thread starts with an anchored comment (or one on the whole meeting without `anchor`);
 * replies give `parentId` (a thread's first comment) and no anchor.
 */
export const CreateCommentBody = z
  .object({ body, anchor: AnchorBody.optional(), parentId: z.string().refine(isUuid, 'expected an id').optional() })
  .strict()
  .refine((c) => !(c.anchor && c.parentId), { message: 'a reply takes its thread’s anchor', path: ['anchor'] });
export type CreateCommentBody = z.infer<typeof CreateCommentBody>;

export const UpdateCommentBody = z.object({ body }).strict();
export type UpdateCommentBody = z.infer<typeof UpdateCommentBody>;

export interface CommentDto {
  id: string;
  author: PersonDto;
  /** Only on a thread's first comment, when it is anchored to a range. */
  anchor?: { start: string; end: string };
  /** The anchored text as it reads now (with `anchor`). */
  quote?: string;
  body: string;
  /** The thread's first comment, on replies. */
  parentId?: string;
  /** Threads are resolved and reopened as a whole (on their first comment). */
  resolved: boolean;
  createdAt: string;
  /** Set when its author changed the body. */
  editedAt?: string;
}
