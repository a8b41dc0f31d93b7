import * as Y from 'yjs';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import type { ClientIdOwners } from './clientIds.js';
import { PeerRefusal, type PeerLimits } from './peerLimits.js';
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
 * ones; otherwise applied, with whatever Yjs could not integrate moved to the author's waiting
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
  const verdict = owners.check(author.owner, update, doc, limits.newClientIdsPerConnection - author.claimed);
  if (!verdict.ok) throw new PeerRefusal(CloseCode.forbidden, verdict.reason);
  owners.claim(author.owner, verdict.claims);
  author.claimed += verdict.claims.length;
  try {
    Y.applyUpdate(doc, update, origin);
  } finally {
    // Even if Yjs threw halfway, nothing of this author stays pending in the shared store.
    author.waiting.collect(doc);
  }
  author.waiting.retry(doc, origin);
  if (author.waiting.bytes > limits.maxPendingBytes) {
    throw new PeerRefusal(CloseCode.malformedMessage, 'update depends on missing content');
  }
}
