import { DomainError, isDatabaseUnavailable, tryAgainLater } from '../errors.js';

/**
 * What a request waiting on a document is told when the document failed (a commit or a read of
 * the log failed, and the document was dropped): its change was not saved, and trying again
 * loads a fresh copy. A failure that already says more keeps its own answer (locked: 423; the
 * database unreachable: 503); anything else was answered 500, as if the server were broken.
 */
export function forWaitingRequest(error: unknown): unknown {
  if (error instanceof DomainError || isDatabaseUnavailable(error)) return error;
  return tryAgainLater('unavailable', 'The minutes could not be saved just now. Nothing was changed.', 1, { code: 'minutes_not_saved' });
}
