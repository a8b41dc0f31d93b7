import { fullTextQuery, matchingWords, searchEntries } from '../../../db/queries/search.js';
import { rolesOfUser } from '../../../db/queries/memberships.js';
import { SEARCH_PAGE_SIZE, type SearchQuery, type SearchResultDto, type SearchResultsDto } from '../../../shared/api/search.js';
import type { Actor } from '../auth/authenticate.js';
import type { AppContext } from '../context.js';
import { snippetOf } from '../search/snippet.js';

/**
 * Searches what the actor may read: the groups they are a member of (every group for admins).
 * A group filter outside those simply finds nothing, so nobody learns that a match exists there.
 */
export async function search(ctx: AppContext, actor: Actor, query: SearchQuery): Promise<SearchResultsDto> {
  const groupIds = actor.user.isAdmin ? null : [...(await rolesOfUser(ctx.db.sql, actor.user.id)).keys()];
  const tsquery = await fullTextQuery(ctx.db.sql, query.q);
  const rows = await searchEntries(ctx.db.sql, {
    tsquery,
    groupIds,
    groupId: query.groupId,
    from: query.from,
    to: query.to,
    kind: query.kind,
    offset: query.offset ?? 0,
    limit: SEARCH_PAGE_SIZE,
  });
  const words = rows.length === 0 ? [] : await matchingWords(ctx.db.sql, tsquery, rows.map((r) => r.text));
  const arabic = actor.user.locale !== 'en';
  const results = rows.map((row, i): SearchResultDto => {
    const { snippet, highlights } = snippetOf(row.text, words[i]!);
    return {
      kind: row.kind,
      meetingId: row.meetingId,
      groupId: row.groupId,
      meetingTitle: (arabic ? row.titleAr || row.titleEn : row.titleEn || row.titleAr),
      startsAt: row.startsAt.toISOString(),
      ...(row.blockIndex === null ? {} : { blockIndex: row.blockIndex }),
      snippet,
      highlights,
    };
  });
  return { results, total: rows[0]?.total ?? 0 };
}
