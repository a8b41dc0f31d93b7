import type { Router } from 'express';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../errors.js';
import { route } from '../route.js';

export function healthRoutes(router: Router, ctx: AppContext): void {
  route(router, ctx, 'get', '/healthz', 'public', async () => {
    try {
      await ctx.db.sql`select 1`;
    } catch {
      throw new DomainError('unavailable', 'The database is not reachable.');
    }
    return { body: { ok: true } };
  });
}
