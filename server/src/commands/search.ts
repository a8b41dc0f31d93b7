import { fullTextQuery, matchingWords } from '../../../db/queries/search.js';
import { searchEntries } from '../../../db/queries/searchRanked.js';
import { rolesOfUser } from '../../../db/queries/memberships.js';
import type { SearchQuery, SearchResultDto, SearchResultsDto } from '../../../shared/api/search.js';
import { SEARCH_PAGE_SIZE } from '../../../shared/api/searchOptions.js';
import type { Actor } from '../auth/authenticate.js';
import type { AppContext } from '../context.js';
import { snippetsOf } from '../search/highlights.js';

/**
 * Searches what the actor may read: the groups they are a member of (every group for admins).
 * A group filter outside those simply finds nothing, so nobody learns that a match exists there.
 */
export async function search(ctx: AppContext, actor: Actor, query: SearchQuery): Promise<SearchResultsDto> {
  const groupIds = actor.user.isAdmin ? null : [...(await rolesOfUser(ctx.db.sql, actor.user.id)).keys()];
  const tsquery = await fullTextQuery(ctx.db.sql, query.q);
  const { rows, total, totalIsLowerBound } = await searchEntries(ctx.db.sql, {
    tsquery,
    groupIds,
    groupId: query.groupId,
    from: query.from,
    to: query.to,
    kind: query.kind,
    offset: query.offset ?? 0,
    limit: SEARCH_PAGE_SIZE,
  });
  const snippets = await snippetsOf(
    rows.map((r) => r.text),
    (words) => matchingWords(ctx.db.sql, tsquery, words),
  );
  const arabic = actor.user.locale !== 'en';
  const results = rows.map((row, i): SearchResultDto => {
    const { snippet, highlights } = snippets[i]!;
    return {
      kind: row.kind,
      meetingId: row.meetingId,
      groupId: row.groupId,
      groupDigits: row.groupDigits,
      meetingTitle: (arabic ? row.titleAr || row.titleEn : row.titleEn || row.titleAr),
      meetingTitleAr: row.titleAr,
      meetingTitleEn: row.titleEn,
      startsAt: row.startsAt.toISOString(),
      ...(row.blockIndex === null ? {} : { blockIndex: row.blockIndex }),
      snippet,
      highlights,
    };
  });
  return totalIsLowerBound ? { results, total, totalIsLowerBound } : { results, total };
}
