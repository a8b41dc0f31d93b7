/**
 * Stable error codes of amendments and comments (`error.code` of the body, with `params`), for
 * localised messages. The HTTP status is given beside each.
 */
export const AMENDMENT_ERROR_CODES = {
  /** 409 `{count}`: the minutes cannot be approved while amendments are open. */
  amendmentsOpen: 'amendments_open',
  /** 409 `{status}`: only an open amendment can be accepted, rejected or withdrawn. */
  amendmentNotOpen: 'amendment_not_open',
  /** 409 `{status}`: amendments are proposed on draft or circulated minutes only. */
  minutesNotAmendable: 'minutes_not_amendable',
  /** 422: the anchor does not resolve to text of one block of these minutes. */
  anchorUnresolved: 'anchor_unresolved',
  /** 422: the anchor spans the text of more than one block. */
  anchorSpansBlocks: 'anchor_spans_blocks',
} as const;
