import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ApiErrorBody } from '../../../shared/api/errors.js';
import { DomainError, HTTP_STATUS } from '../errors.js';
import type { Logger } from '../logger.js';

/** Maps errors to JSON responses. Unexpected errors are logged and answered without details. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    let status = 500;
    let body: ApiErrorBody = { error: { code: 'internal', message: 'Something went wrong on the server.' } };
    if (error instanceof DomainError) {
      status = HTTP_STATUS[error.kind];
      body = { error: { code: error.kind, message: error.message, ...(error.issues ? { issues: error.issues } : {}) } };
      if (error.retryAfterSeconds) res.setHeader('Retry-After', String(error.retryAfterSeconds));
    } else if (error?.type === 'entity.parse.failed') {
      status = 400;
      body = { error: { code: 'invalid', message: 'The request body is not valid JSON.' } };
    } else if (error?.type === 'entity.too.large') {
      status = 413;
      body = { error: { code: 'too_large', message: 'The request body is too large.' } };
    } else {
      log.error('http.unhandled', { method: req.method, path: req.path, error: String(error?.stack ?? error) });
    }
    res.status(status).json(body);
  };
}

export const notFoundHandler: RequestHandler = (_req, res) => {
  const body: ApiErrorBody = { error: { code: 'not_found', message: 'No such API route.' } };
  res.status(404).json(body);
};
