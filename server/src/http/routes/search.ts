import type { Router } from 'express';
import { SearchQuery } from '../../../../shared/api/search.js';
import { search } from '../../commands/search.js';
import type { AppContext } from '../../context.js';
import { route } from '../route.js';
import { parse } from '../validate.js';

export function searchRoutes(router: Router, ctx: AppContext): void {
  route(router, ctx, 'get', '/search', 'user', async ({ req, actor }) => {
    const query = parse(SearchQuery, req.query, 'query');
    return { body: await search(ctx, actor, query) };
  });
}
