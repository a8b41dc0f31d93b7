import { serialPerKey } from '../commands/serialPerKey.js';

/**
 * Everything that changes the status of one meeting's amendments runs one at a time: decisions
 * (an accept is never applied twice) and the recomputation after commits (which must not call
 * "outdated" the text an accept has just replaced, before the accept records its decision).
 */
export const amendmentsOfMeeting = serialPerKey();
