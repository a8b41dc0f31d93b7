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
 * SQLSTATE classes of a database refusing what it was given, or lacking room for it: 22 data,
 * 23 integrity (a constraint), 53 insufficient resources (a full disk), 54 program limits,
 * P0 raised by a trigger. Not 42 and the like: a wrong statement is a bug, not a reason to retry.
 */
const REFUSED = /^(22|23|53|54|P0)/;

/**
 * The answer for a request whose document failed with `error`: the database refusing the commit
 * is `notSaved`; anything else keeps its own (locked: 423, the database unreachable: 503, a
 * wrong statement or a server change that broke the minutes: 500, a bug to fix, not to retry).
 */
export function forWaitingRequest(error: unknown): unknown {
  return error instanceof postgres.PostgresError && !isDatabaseUnavailable(error) && REFUSED.test(error.code) ? notSaved() : error;
}
