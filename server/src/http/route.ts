import type { Request, Response, Router } from 'express';
import { authenticate, type Actor } from '../auth/authenticate.js';
import { requireAdmin } from '../auth/policies.js';
import type { AppContext } from '../context.js';
import { unauthenticated } from '../errors.js';
import { invalidInput, nulIssues } from './validate.js';

/** Coarse gate applied before the handler; group/meeting roles are checked inside via policies. */
export type Gate = 'public' | 'user' | 'admin';

export interface Reply {
  status?: number;
  body?: unknown;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteArgs<G extends Gate> {
  req: Request;
  res: Response;
  actor: G extends 'public' ? Actor | undefined : Actor;
  ctx: AppContext;
}

/**
 * Registers a route as auth → handler → JSON reply. The handler validates (zod), calls a
 * command and presents the result; errors go to the one error mapper. Returning nothing is 204.
 */
export function route<G extends Gate>(
  router: Router,
  ctx: AppContext,
  method: Method,
  path: string,
  gate: G,
  handler: (args: RouteArgs<G>) => Promise<Reply | void>,
): void {
  router[method](path, async (req, res, next) => {
    try {
      // Path parameters reach queries unparsed: the one check they all need is here.
      const badParams = nulIssues(req.params);
      if (badParams.length > 0) throw invalidInput('path', badParams);
      const actor = await authenticate(ctx.db.sql, req.headers.cookie, ctx.config.sessionIdleMinutes);
      if (gate !== 'public' && !actor) throw unauthenticated();
      if (gate === 'admin') requireAdmin(actor!);
      const reply = await handler({ req, res, actor: actor as RouteArgs<G>['actor'], ctx });
      if (res.headersSent) return;
      if (!reply || reply.body === undefined) res.status(reply?.status ?? 204).end();
      else res.status(reply.status ?? 200).json(reply.body);
    } catch (error) {
      next(error);
    }
  });
}

/**
 * Client address for logs and rate limits: the socket's peer, or with `TRUST_PROXY` the address
 * the trusted proxies forwarded (express's `req.ip`).
 */
export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}
