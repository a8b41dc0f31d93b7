import type * as Y from 'yjs';

/**
 * Moves the second visible item of `text` in memory in front of the first, as Yjs's undo bug
 * misplaces items (readsAsSaved.ts), leaving what the document encodes as it was. Through Yjs's
 * internals: no public call makes a document whose memory and encoding disagree.
 */
export function misorder(text: Y.XmlText | Y.Text): void {
  let first = text._start;
  while (first?.deleted) first = first.right;
  let second = first?.right ?? null;
  while (second?.deleted) second = second.right;
  if (!first || !second) throw new Error('misorder needs two items of text');
  // Out of its place (it has a left: `first` is before it)...
  second.left!.right = second.right;
  if (second.right) second.right.left = second.left;
  // ...and in front of `first`.
  second.left = first.left;
  second.right = first;
  if (first.left) first.left.right = second;
  else text._start = second;
  first.left = second;
  // Search markers cache positions in the list that has just changed.
  text._searchMarker = [];
}
