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
 * Integrates one update of `author`, inside the pipeline's batch. Refused (nothing applied,
 * PeerRefusal 4403) if it writes under someone else's client id or would start too many new
 * ones. Otherwise `apply` (which checks the content against the schema and may throw) applies
 * it; whatever Yjs could not integrate moves to the author's waiting content, and earlier
 * waiting content is applied again, through `apply` as well, once the document moved where it
 * waits. More than `maxPendingBytes` waiting: PeerRefusal 4400.
 */
export function integratePeerUpdate(
  doc: Y.Doc,
  owners: ClientIdOwners,
  author: UpdateAuthor,
  update: Uint8Array,
  limits: PeerLimits,
  apply: (update: Uint8Array, v2: boolean) => void,
): void {
  const verdict = owners.check(author.owner, Y.decodeUpdate(update), doc, limits.newClientIdsPerConnection - author.claimed);
  if (!verdict.ok) {
    const code = verdict.malformed ? CloseCode.malformedMessage : verdict.tooMany ? CloseCode.tooManyClientIds : CloseCode.forbidden;
    throw new PeerRefusal(code, verdict.tooMany ? `${verdict.reason} (MAX_NEW_CLIENT_IDS is ${limits.newClientIdsPerConnection})` : verdict.reason);
  }
  owners.claim(author.owner, verdict.claims);
  author.claimed += verdict.claims.length;
  try {
    apply(update, false);
  } finally {
    // Even if applying failed halfway, nothing of this author stays pending in the shared store.
    author.waiting.collect(doc);
  }
  author.waiting.retry(doc, (waiting) => apply(waiting, true));
  if (author.waiting.bytes > limits.maxPendingBytes) {
    throw new PeerRefusal(CloseCode.malformedMessage, 'update depends on missing content');
  }
}
