import * as Y from 'yjs';

/**
 * Whether Yjs would integrate all of `update` into `doc` now, leaving nothing pending: every
 * struct follows on from what the doc (or the update itself) has of its client, and everything
 * it points at (left and right neighbour at insertion, parent) and everything it deletes is
 * already there. This is the check of Yjs's `Item.getMissing` and of its pending delete sets,
 * made before applying: content that would wait is read from the log instead (LogFollower), so
 * the shared store never holds pending content of the log between two batches (a peer's batch
 * would take it as that peer's waiting content, see integrateUpdate.ts).
 */
export function integratesWhole(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  const reach = new Map<number, number>();
  const has = (client: number) => reach.get(client) ?? Y.getState(doc.store, client);
  for (const struct of structs) {
    // A Skip is a gap the sender did not have: content would wait on it.
    if (struct instanceof Y.Skip) return false;
    const { client, clock } = struct.id;
    if (clock > has(client)) return false;
    reach.set(client, Math.max(has(client), clock + struct.length));
  }
  const there = (id: Y.ID | null) => id === null || id.clock < has(id.client);
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (!there(struct.origin) || !there(struct.rightOrigin)) return false;
    if (struct.parent instanceof Y.ID && !there(struct.parent)) return false;
  }
  for (const [client, ranges] of ds.clients) {
    if (ranges.some((range) => range.clock + range.len > has(client))) return false;
  }
  return true;
}
