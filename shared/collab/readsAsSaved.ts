import * as Y from 'yjs';

/**
 * Whether the document in memory reads as its own saved form: its state encoded (what the server
 * and this browser's copy store, and what any other client builds from) and loaded into a fresh
 * Y.Doc reads the same. It always should. Yjs 13.6.33's undo can break it (like yjs/yjs#414): after
 * an undo, the editor went on showing "oddirec d" where its own encoded state, the server and
 * every other client read "odd direc". Nothing stored is wrong then, but the person who undid
 * sees text that is not the minutes until the document is loaded again.
 *
 * Costs an encoding and a load of the whole document: run it at rest, not on every keystroke.
 */
export function readsAsSaved(doc: Y.Doc, field: string): boolean {
  const saved = new Y.Doc();
  try {
    Y.applyUpdate(saved, Y.encodeStateAsUpdate(doc));
    // toString: text, formatting and attributes, the attributes in a fixed order.
    return saved.getXmlFragment(field).toString() === doc.getXmlFragment(field).toString();
  } finally {
    saved.destroy();
  }
}
