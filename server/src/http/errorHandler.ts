import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ApiErrorBody } from '../../../shared/api/errors.js';
import { DomainError, HTTP_STATUS, isDatabaseUnavailable } from '../errors.js';
import type { Logger } from '../logger.js';

type Reply = { status: number; body: ApiErrorBody; retryAfterSeconds?: number };

const invalidRequest = (field: string, message: string): Reply => ({
  status: 400,
  body: { error: { code: 'invalid', message: `Invalid request: ${field}: ${message}`, issues: [{ path: field, message }] } },
});

function parsesAsJson(body: unknown): boolean {
  try {
    JSON.parse(String(body));
    return true;
  } catch {
    return false;
  }
}

/**
 * Errors raised before a route runs: the body parser (http-errors with a `type`), zlib while
 * inflating a body, the router decoding a path parameter. Each names the header or part at fault.
 * (Charsets are checked before the parser: `utf8Bodies`.)
 */
function requestError(error: any): Reply | undefined {
  switch (error?.type) {
    case 'entity.parse.failed':
      // The parser takes only objects and arrays: `"text"` or `3` is JSON, but no request's body.
      return parsesAsJson(error.body)
        ? invalidRequest('(body)', 'must be a JSON object')
        : { status: 400, body: { error: { code: 'invalid', message: 'The request body is not valid JSON.', issues: [{ path: '(body)', message: 'not valid JSON' }] } } };
    case 'entity.not.utf8':
      return invalidRequest('(body)', 'not valid UTF-8');
    case 'entity.too.large':
      return { status: 413, body: { error: { code: 'too_large', message: 'The request body is too large.' } } };
    case 'encoding.unsupported':
      return invalidRequest('content-encoding', `"${String(error.encoding)}" is not supported; send gzip, deflate, br or none`);
  }
  const status = error?.status ?? error?.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  // zlib (gzip, deflate) and brotli errors carry a numeric errno and no body-parser type.
  if (typeof error.errno === 'number' && error.type === undefined) {
    return invalidRequest('content-encoding', `the body does not decompress (${String(error.message)})`);
  }
  if (error instanceof URIError) return invalidRequest('path', 'a path parameter is not valid percent-encoding');
  return invalidRequest('(request)', String(error.message ?? 'not a valid request'));
}

/** Maps errors to JSON responses. Unexpected errors are logged and answered without details. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    let reply: Reply = { status: 500, body: { error: { code: 'internal', message: 'Something went wrong on the server.' } } };
    if (error instanceof DomainError) {
      reply = {
        status: HTTP_STATUS[error.kind],
        body: {
          error: {
            code: error.code,
            message: error.message,
            ...(error.params ? { params: error.params } : {}),
            ...(error.issues ? { issues: error.issues } : {}),
          },
        },
        retryAfterSeconds: error.retryAfterSeconds,
      };
    } else if (isDatabaseUnavailable(error)) {
      log.warn('http.database_unavailable', { method: req.method, path: req.path, error: String(error) });
      reply = {
        status: 503,
        body: { error: { code: 'unavailable', message: 'The database is not reachable. Try again in a moment.', params: { seconds: 1 } } },
        retryAfterSeconds: 1,
      };
    } else {
      const request = requestError(error);
      if (request) reply = request;
      else log.error('http.unhandled', { method: req.method, path: req.path, error: String(error?.stack ?? error) });
    }
    if (reply.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(reply.retryAfterSeconds));
    res.status(reply.status).json(reply.body);
  };
}

export const notFoundHandler: RequestHandler = (_req, res) => {
  const body: ApiErrorBody = { error: { code: 'not_found', message: 'No such API route.' } };
  res.status(404).json(body);
};
