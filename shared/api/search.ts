import { z } from 'zod';
import type { DigitPolicy } from '../domain.js';
import { isUuid } from '../ids.js';
import { isoDate } from './fields.js';
import { SEARCH_KINDS, type SearchKind } from './searchOptions.js';

/** Query of `GET /api/search`. */
export const SearchQuery = z
  .object({
    q: z.string().trim().min(1, 'type something to search for').max(200),
    groupId: z.string().refine(isUuid, 'expected an id').optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    kind: z.enum(SEARCH_KINDS).optional(),
    offset: z
      .string()
      .regex(/^\d{1,6}$/, 'expected a number of results to skip')
      .transform(Number)
      .optional(),
  })
  .strict();
export type SearchQuery = z.infer<typeof SearchQuery>;

export interface SearchResultDto {
  kind: SearchKind;
  meetingId: string;
  groupId: string;
  /** The group's `digits`: the meeting's date is written so in Arabic, as on its own page. */
  groupDigits: DigitPolicy;
  /** In the caller's stored language (meetingTitleAr / meetingTitleEn: both, for the language the interface shows). */
  meetingTitle: string;
  meetingTitleAr: string;
  meetingTitleEn: string;
  startsAt: string;
  /** Which text block of the minutes (`forEachTextBlock`'s index); absent for `meeting`. */
  blockIndex?: number;
  /** The matching text, or a part of it around the first match (cut parts marked with …). */
  snippet: string;
  /**
   * The matching words as `[start, end)` offsets into `snippet`, in UTF-16 code units (the
   * indices of a JavaScript string: `snippet.slice(start, end)`), in order, not overlapping.
   */
  highlights: [number, number][];
}

export interface SearchResultsDto {
  results: SearchResultDto[];
  /** How many results match (the pages end there). */
  total: number;
  /**
   * Present when more match than the server ranks: `total` then counts the matches of the newest
   * meetings, which are the ones ranked and paged, and there are more in older meetings.
   */
  totalIsLowerBound?: true;
}
