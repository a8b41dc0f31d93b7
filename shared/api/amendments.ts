import { z } from 'zod';
import { decodePosition } from '../anchors/encoding.js';

export type { Anchor } from '../anchors/encoding.js';

export const AMENDMENT_STATUSES = ['open', 'accepted', 'rejected', 'withdrawn', 'outdated'] as const;
export type AmendmentStatus = (typeof AMENDMENT_STATUSES)[number];

/** Longest proposed wording, rationale, rejection reason and comment body (plain text). */
export const AMENDMENT_TEXT_MAX = 4000;

const position = z.string().refine((s) => decodePosition(s) !== null, 'expected a base64 Y.encodeRelativePosition');

/** `{"start","end"}`: see `shared/anchors/encoding.ts` (and the README) for the encoding. */
export const AnchorBody = z.object({ start: position, end: position }).strict();

// Control characters (line breaks included) cannot be part of a block's text.
const hasControl = (s: string) => [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
const inlineText = z
  .string()
  .max(AMENDMENT_TEXT_MAX)
  .refine((s) => !hasControl(s), 'must be text of one paragraph (no line breaks or control characters)');

/** `proposed` replaces the anchored text ('' = delete it; a collapsed anchor = insert there). */
export const CreateAmendmentBody = z
  .object({ anchor: AnchorBody, proposed: inlineText, rationale: z.string().trim().max(AMENDMENT_TEXT_MAX).default('') })
  .strict();
export type CreateAmendmentBody = z.infer<typeof CreateAmendmentBody>;

export const RejectAmendmentBody = z.object({ reason: z.string().trim().max(AMENDMENT_TEXT_MAX).default('') }).strict();
export type RejectAmendmentBody = z.infer<typeof RejectAmendmentBody>;

export interface PersonDto {
  id: string;
  name: string;
}

export interface AmendmentDto {
  id: string;
  /** The author's side (a key of the group's sides) when proposed; null for a member without one. */
  side: string | null;
  author: PersonDto;
  anchor: { start: string; end: string };
  /** The anchored text as it reads now ('' for an insertion point, or once deleted). */
  quote: string;
  proposed: string;
  rationale: string;
  status: AmendmentStatus;
  createdAt: string;
  /** Who accepted, rejected or withdrew it, and when. */
  decidedBy?: PersonDto;
  decidedAt?: string;
  /** The secretariat's reason for a rejection (when one was given). */
  reason?: string;
}

/**
 * Query of `GET /api/meetings/:id/minutes.pdf` and `…/versions/:vid/minutes.pdf`:
 * `amendments=annex` adds an annex listing the open amendments by side to a draft or circulated
 * export (an approved record never shows them).
 */
export const PdfExportQuery = z.object({ amendments: z.enum(['annex', 'none']).default('none') });
export type PdfExportQuery = z.infer<typeof PdfExportQuery>;
