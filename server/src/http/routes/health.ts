import type { Router } from 'express';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../errors.js';

/** A load balancer or monitor must get an answer quickly, above all while the database is down. */
const HEALTH_TIMEOUT_MS = 800;

export function healthRoutes(router: Router, ctx: AppContext): void {
  // Not through `route()`: reading a session cookie would query the main pool, which may be the
  // very thing that is stuck. The probe has its own connection and a timeout.
  router.get('/healthz', (_req, res, next) => {
    ctx.db.ping(HEALTH_TIMEOUT_MS).then((ok) => {
      if (ok) res.json({ ok: true });
      else next(new DomainError('unavailable', 'The database is not reachable.', undefined, 1));
    }, next);
  });
}
