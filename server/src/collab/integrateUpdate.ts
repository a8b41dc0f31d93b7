import * as Y from 'yjs';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import type { ClientIdOwners } from './clientIds.js';
import { PeerRefusal, type PeerLimits } from './peerLimits.js';
import { updateShapeProblem } from './updateShape.js';
import type { WaitingContent } from './waitingContent.js';

/** The sender of an update, as the pipeline knows it. */
export interface UpdateAuthor {
  /** User id (or SERVER_OWNER): who owns the client ids it writes under. */
  owner: string;
  /** Its content waiting for missing dependencies. */
  waiting: WaitingContent;
  /** How many client ids it has started writing under so far. */
  claimed: number;
}

/**
 * Applies one update of `author` to the document, inside the pipeline's batch. Refused (nothing
 * applied) with 4403 if it writes under someone else's client id or would start too many new
 * ones, with 4400 if its content does not have the shape of the minutes; otherwise applied, with whatever Yjs could not integrate moved to the author's waiting
 * content and earlier waiting content retried; refused with 4400 once more than
 * `maxPendingBytes` wait. Yjs's own error if it cannot apply the content.
 */
export function integratePeerUpdate(
  doc: Y.Doc,
  origin: unknown,
  owners: ClientIdOwners,
  author: UpdateAuthor,
  update: Uint8Array,
  limits: PeerLimits,
): void {
  const decoded = Y.decodeUpdate(update);
  const verdict = owners.check(author.owner, decoded, doc, limits.newClientIdsPerConnection - author.claimed);
  if (!verdict.ok) throw new PeerRefusal(CloseCode.forbidden, verdict.reason);
  const shape = updateShapeProblem(decoded.structs, doc);
  if (shape) throw new PeerRefusal(CloseCode.malformedMessage, `update does not fit the minutes: ${shape}`);
  owners.claim(author.owner, verdict.claims);
  author.claimed += verdict.claims.length;
  try {
    Y.applyUpdate(doc, update, origin);
  } finally {
    // Even if Yjs threw halfway, nothing of this author stays pending in the shared store.
    author.waiting.collect(doc);
  }
  author.waiting.retry(doc, origin, (waiting) => {
    // Its parents and neighbours may only now be known: judged before it is applied.
    const problem = updateShapeProblem(Y.decodeUpdateV2(waiting).structs, doc);
    if (problem) throw new PeerRefusal(CloseCode.malformedMessage, `update does not fit the minutes: ${problem}`);
  });
  if (author.waiting.bytes > limits.maxPendingBytes) {
    throw new PeerRefusal(CloseCode.malformedMessage, 'update depends on missing content');
  }
}
