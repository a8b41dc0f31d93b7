import * as Y from 'yjs';

/**
 * Content one connection sent that Yjs could not integrate yet because it depends on structs
 * the document does not have (e.g. a client that reconnects and types before its offline edits
 * have gone out in its sync step 2).
 *
 * Yjs keeps such content in the document's store (`pendingStructs`, `pendingDs`), where it is
 * not in the state vector, not committed, yet sent to other peers in sync answers and
 * integrated by whichever later update happens to fill the gap, so one peer's leftovers could
 * end up in a batch committed on another's behalf, and a delete set aimed at content not yet
 * written would remove it the moment it arrives. Instead, right after each of the
 * connection's updates is applied, its leftovers are moved out of the store into this
 * per-connection holder. They are applied again only after a later update of the same
 * connection moved the document forward where they wait, and are dropped when the connection
 * closes (the client resends them: they were never acknowledged). Retrying only where the
 * document moved keeps a connection with a lot waiting from costing a full re-apply per message.
 */
export class WaitingContent {
  /** A V2 update (the format Yjs keeps pending content in). */
  private update: Uint8Array | null = null;
  /** Retry once the document's state of one of these clients exceeds the clock. */
  private watch = new Map<number, number>();

  get bytes(): number {
    return this.update?.byteLength ?? 0;
  }

  get empty(): boolean {
    return this.update === null;
  }

  /** Call right after applying an update of this connection. */
  collect(doc: Y.Doc): void {
    const rest = takePending(doc);
    if (!rest) return;
    this.update = this.update ? Y.mergeUpdatesV2([this.update, rest.update]) : rest.update;
    for (const [client, clock] of rest.watch) this.watch.set(client, Math.min(clock, this.watch.get(client) ?? Infinity));
  }

  /**
   * Applies the waiting content again (a V2 update, through `apply`, which may throw) if the
   * document has moved forward where it waits.
   */
  retry(doc: Y.Doc, apply: (update: Uint8Array) => void): void {
    const update = this.update;
    if (!update || ![...this.watch].some(([client, clock]) => Y.getState(doc.store, client) > clock)) return;
    this.update = null;
    this.watch = new Map();
    try {
      apply(update);
    } finally {
      const rest = takePending(doc);
      if (rest) {
        this.update = rest.update;
        this.watch = rest.watch;
      }
    }
  }
}

/** Moves what Yjs left pending out of the document's store. */
function takePending(doc: Y.Doc): { update: Uint8Array; watch: Map<number, number> } | null {
  const store = doc.store;
  const structs = store.pendingStructs;
  const ds = store.pendingDs;
  if (!structs && !ds) return null;
  store.pendingStructs = null;
  store.pendingDs = null;
  const watch = new Map<number, number>();
  // Yjs retries pending structs once the missing clock exists (state > clock).
  if (structs) for (const [client, clock] of structs.missing) watch.set(client, clock);
  // Pending deletions wait for their content: retry on any progress of those clients.
  if (ds) {
    for (const client of Y.decodeUpdateV2(ds).ds.clients.keys()) {
      watch.set(client, Math.min(Y.getState(store, client), watch.get(client) ?? Infinity));
    }
  }
  const parts = [structs?.update, ds].filter((u): u is Uint8Array => u !== undefined && u !== null);
  return { update: parts.length === 1 ? parts[0]! : Y.mergeUpdatesV2(parts), watch };
}
