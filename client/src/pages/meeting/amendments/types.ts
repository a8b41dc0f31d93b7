// Types only: the shared schemas would put zod in this bundle.
export type { AmendmentDto, AmendmentStatus, Anchor, PersonDto } from '../../../../../shared/api/amendments.js';
export type { CommentDto } from '../../../../../shared/api/comments.js';

/** `COMMENT_BODY_MAX` of `shared/api/comments.ts` (a test keeps them equal), without importing zod. */
export const COMMENT_MAX = 4000;
