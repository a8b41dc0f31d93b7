import * as Y from 'yjs';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import type { ClientIdOwners, OwnershipRefusal } from './clientIds.js';
import { PeerRefusal, type PeerLimits } from './peerLimits.js';
import type { WaitingContent } from './waitingContent.js';

/**
 * 4400 as for an undecodable update; 4403 refuses the content (the browser drops its local copy);
 * 4429 refuses only this connection's count of new ids (the browser keeps its copy).
 */
const REFUSAL_CLOSE_CODE: Record<OwnershipRefusal, number> = {
  malformed: CloseCode.malformedMessage,
  notYours: CloseCode.forbidden,
  tooManyIds: CloseCode.tooManyClientIds,
};

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
 * a PeerRefusal with the refusal's close code) if it writes under someone else's client id,
 * would start too many new ones, or names ids or clocks no client writes. Otherwise `apply`
 * (which checks the content against the schema and may throw) applies it; whatever Yjs could
 * not integrate moves to the author's waiting content, and earlier waiting content is applied
 * again, through `apply` as well, once the document moved where it waits. More than
 * `maxPendingBytes` waiting: PeerRefusal 4400.
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
    // The setting is named: raising it is what lets the browser's kept edits in (README).
    const reason = verdict.refusal === 'tooManyIds' ? `${verdict.reason} (MAX_NEW_CLIENT_IDS is ${limits.newClientIdsPerConnection})` : verdict.reason;
    throw new PeerRefusal(REFUSAL_CLOSE_CODE[verdict.refusal], reason);
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
