import express, { Router } from 'express';
import type { AppContext } from '../context.js';
import { actionItemRoutes } from './routes/actionItems.js';
import { amendmentRoutes } from './routes/amendments.js';
import { authRoutes } from './routes/auth.js';
import { groupRoutes } from './routes/groups.js';
import { healthRoutes } from './routes/health.js';
import { homeRoutes } from './routes/home.js';
import { meetingRoutes } from './routes/meetings.js';
import { searchRoutes } from './routes/search.js';
import { userRoutes } from './routes/users.js';
import { versionRoutes } from './routes/versions.js';
import { noStore, sameSiteWrites } from './security.js';
import { jsonBodies, requireUtf8, utf8Bodies } from './validate.js';

/** The REST API, mounted at `/api`. The access-matrix test walks this router's routes. */
export function apiRouter(ctx: AppContext): Router {
  const router = Router();
  router.use(noStore, sameSiteWrites(ctx.allowedOrigins), utf8Bodies, jsonBodies, express.json({ limit: '256kb', verify: requireUtf8 }));
  healthRoutes(router, ctx);
  authRoutes(router, ctx);
  userRoutes(router, ctx);
  groupRoutes(router, ctx);
  meetingRoutes(router, ctx);
  versionRoutes(router, ctx);
  actionItemRoutes(router, ctx);
  homeRoutes(router, ctx);
  amendmentRoutes(router, ctx);
  searchRoutes(router, ctx);
  return router;
}
