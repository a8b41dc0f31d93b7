import * as Y from 'yjs';

/**
 * Whether an update holds nothing `doc` lacks: no items, and only deletions `doc` has already.
 * A sync step 2 always carries its sender's whole delete set, so a read-only client answering the
 * handshake of minutes with any deletion in them sends a non-empty update that is still nothing
 * new; only something new is worth the warning that it was dropped.
 */
export function holdsNothingNew(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  if (structs.length > 0) return false;
  if (ds.clients.size === 0) return true;
  const known = Y.createDeleteSetFromStructStore(doc.store);
  for (const [client, ranges] of ds.clients) {
    // Merged and sorted: a range already deleted lies within one of them.
    const deleted = known.clients.get(client) ?? [];
    for (const { clock, len } of ranges) if (!within(deleted, clock, clock + len)) return false;
  }
  return true;
}

function within(ranges: { clock: number; len: number }[], from: number, to: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const range = ranges[mid]!;
    if (range.clock + range.len <= from) low = mid + 1;
    else if (range.clock > from) high = mid - 1;
    else return range.clock + range.len >= to;
  }
  return false;
}
