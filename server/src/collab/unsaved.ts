import postgres from 'postgres';
import { isDatabaseUnavailable, tryAgainLater, type DomainError } from '../errors.js';

/**
 * What a request waiting on a document is told when its change was not saved and trying again
 * works on a fresh copy of the minutes: 503 with Retry-After, not 500 as if the server were broken.
 */
export function notSaved(): DomainError {
  return tryAgainLater('unavailable', 'The minutes could not be saved just now. Nothing was changed.', 1, { code: 'minutes_not_saved' });
}

/**
 * The answer for a request whose document failed with `error`: the database refusing the commit
 * (a full disk, a constraint) is `notSaved`; anything else keeps its own (locked: 423, the database
 * unreachable: 503, a server change that broke the minutes: 500, a bug to fix, not to retry).
 */
export function forWaitingRequest(error: unknown): unknown {
  return error instanceof postgres.PostgresError && !isDatabaseUnavailable(error) ? notSaved() : error;
}
