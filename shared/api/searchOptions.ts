// No zod here: the client imports these values, and zod stays on the server (search.ts).

/** What a search result can be: a block of minutes, an action item, a meeting's title or place. */
export const SEARCH_KINDS = ['minutes', 'actionItem', 'meeting'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** Results per page of `GET /api/search`. */
export const SEARCH_PAGE_SIZE = 50;
