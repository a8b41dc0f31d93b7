/**
 * Every `code` the API answers with. The client shows each in the interface language
 * (`client/src/components/errors.ts`); the server never needs its English `message` to be read.
 * A code is stable: rename it only together with both catalogues.
 */
export const ERROR_CODES = [
  // One per kind of failure, for errors that need no more than that.
  'invalid',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'too_large',
  'rate_limited',
  'locked',
  'unavailable',
  'internal',
  // Refusals a user can act on, each with its own message.
  'cross_site',
  'not_member',
  'observer_read_only',
  'secretary_only',
  'admin_only',
  'circulated_secretariat_only',
  'approver_only',
  'sign_in_failed',
  'sign_in_rate_limited',
  'invitation_not_valid',
  'invitation_rate_limited',
  'email_taken',
  'setup_done',
  'self_change',
  'last_secretary',
  'last_admin',
  'sides_in_circulation',
  'side_in_use',
  'action_item_removed',
  'restore_needs_draft',
  'approval_not_latest',
  'approval_stale',
  'withdraw_not_circulated',
  'approve_by_sides',
  'minutes_unavailable',
  'minutes_not_saved',
  'minutes_locked',
  'meeting_not_found',
  'group_not_found',
  'user_not_found',
  'session_not_found',
  'invitation_not_found',
  'version_not_found',
  'member_not_found',
  'action_item_not_found',
  'approval_not_found',
  // Amendments and comments (`shared/api/amendmentErrors.ts`).
  'amendments_open',
  'amendment_not_open',
  'minutes_not_amendable',
  'anchor_unresolved',
  'anchor_spans_blocks',
  'amendment_not_found',
  'comment_not_found',
  'unprocessable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Values a message needs (`seconds` to wait, sizes, a count, a status); never sentences. */
export type ErrorParams = Record<string, string | number>;

/** Body of every non-2xx REST response. */
export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    /** In English, for logs and API users; the interface shows its own text for `code`. */
    message: string;
    params?: ErrorParams;
    /** Field-level problems for 400s: path → message. */
    issues?: { path: string; message: string }[];
  };
}
