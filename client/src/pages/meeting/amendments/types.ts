/**
 * The amendment and comment DTOs of issue 10, as the client reads them. Field names are the
 * issue's; `shared/api/amendments.ts` and `comments.ts` (server branch) are the source once merged.
 */
export interface Anchor {
  /** base64 of `Y.encodeRelativePosition` inside a block's XmlText. */
  start: string;
  end: string;
}

export type AmendmentStatus = 'open' | 'accepted' | 'rejected' | 'withdrawn' | 'outdated';

export interface PersonRef {
  id: string;
  name: string;
}

export interface AmendmentDto {
  id: string;
  /** The proposer's side (a key of the group's sides), or null in a group without sides. */
  side: string | null;
  author: PersonRef;
  anchor: Anchor;
  quote: string;
  proposed: string;
  rationale: string;
  status: AmendmentStatus;
  createdAt: string;
  decidedBy?: PersonRef | null;
  decidedAt?: string | null;
  reason?: string | null;
}

export interface CommentDto {
  id: string;
  author: PersonRef;
  anchor?: Anchor | null;
  quote?: string | null;
  body: string;
  parentId?: string | null;
  resolved: boolean;
  createdAt: string;
}

export const COMMENT_MAX = 4000;
