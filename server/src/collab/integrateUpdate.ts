import * as Y from 'yjs';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import type { ClientIdOwners } from './clientIds.js';
import type { PeerLimits } from './peerLimits.js';
import { WaitingContent } from './waitingContent.js';

/** The sender of an update, as the pipeline knows it. */
export interface UpdateAuthor {
  /** User id (or SERVER_OWNER): who owns the client ids it writes under. */
  owner: string;
  /** Its content waiting for missing dependencies. */
  waiting: WaitingContent;
  /** How many client ids it has started writing under so far. */
  claimed: number;
}

export type Integration = { ok: true } | { ok: false; code: number; reason: string; error?: unknown };

/** The author of an update whose connection has closed: its leftovers are dropped. */
export function departedAuthor(owner: string): UpdateAuthor {
  return { owner, waiting: new WaitingContent(), claimed: 0 };
}

/**
 * How many of the author's messages are durable once message `index` is committed: "saved" is
 * a prefix count, so it stops before the first message whose content still waits.
 */
export function savedThrough(author: UpdateAuthor, index: number): number {
  const first = author.waiting.firstMessage;
  return first === null ? index : Math.min(index, first - 1);
}

/**
 * Applies message `index` of `author` to the document, inside the pipeline's batch: refused
 * (nothing applied) if it writes under someone else's client id or would start too many new
 * ones; otherwise applied, with whatever Yjs could not integrate moved to the author's waiting
 * content, and earlier waiting content retried. Content Yjs cannot decode or integrate is
 * refused like a malformed message.
 */
export function integratePeerUpdate(
  doc: Y.Doc,
  origin: unknown,
  owners: ClientIdOwners,
  author: UpdateAuthor,
  update: Uint8Array,
  index: number,
  limits: PeerLimits,
): Integration {
  const verdict = owners.check(author.owner, update, doc, limits.newClientIdsPerConnection - author.claimed);
  if (!verdict.ok) return { ok: false, code: CloseCode.forbidden, reason: verdict.reason };
  owners.claim(author.owner, verdict.claims);
  author.claimed += verdict.claims.length;
  try {
    try {
      Y.applyUpdate(doc, update, origin);
    } finally {
      // Even if Yjs threw halfway, nothing of this author stays pending in the shared store.
      author.waiting.collect(doc, index);
    }
    author.waiting.retry(doc, origin);
  } catch (error) {
    return { ok: false, code: CloseCode.malformedMessage, reason: 'update could not be applied', error };
  }
  if (author.waiting.bytes > limits.maxPendingBytes) {
    return { ok: false, code: CloseCode.malformedMessage, reason: 'update depends on missing content' };
  }
  return { ok: true };
}
