import type { Router } from 'express';
import { homeOf } from '../../commands/home.js';
import type { AppContext } from '../../context.js';
import { route } from '../route.js';

export function homeRoutes(router: Router, ctx: AppContext): void {
  route(router, ctx, 'get', '/home', 'user', async ({ actor }) => ({ body: await homeOf(ctx, actor) }));
}
