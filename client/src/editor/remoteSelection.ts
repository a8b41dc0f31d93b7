import type { Node as PMNode } from '@tiptap/pm/model';
import { AllSelection, NodeSelection, Selection, TextSelection } from '@tiptap/pm/state';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { findMovedText, textContext, type TextContext } from './movedText.js';

/** The parts of y-tiptap's `ProsemirrorBinding` this module reads. */
export interface SyncBinding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  mapping: Map<Y.AbstractType<unknown>, PMNode | PMNode[]>;
}

/** The editor's selection when a batch of Yjs transactions began. */
export interface SelectionBefore {
  doc: PMNode;
  selection: Selection;
  /** Its anchor and head as Yjs relative positions. */
  anchor: Y.RelativePosition;
  head: Y.RelativePosition;
}

export function selectionBefore(binding: SyncBinding, doc: PMNode, selection: Selection): SelectionBefore {
  const relative = (pos: number) => absolutePositionToRelativePosition(pos, binding.type, binding.mapping) as Y.RelativePosition;
  return { doc, selection, anchor: relative(selection.anchor), head: relative(selection.head) };
}

export interface RemoteChange {
  binding: SyncBinding;
  before: SelectionBefore;
  /** The document the change produced (built from the Yjs document). */
  newDoc: PMNode;
  /** The Yjs transaction that made the change; its new items tell where moved text went. */
  transaction: Y.Transaction | null;
}

/** The item a relative position hangs on (or the block it is the end of), after undo/redo. */
function anchorItem(store: Y.Doc['store'], rel: Y.RelativePosition): Y.Item | Y.GC | 'root' | null {
  const id = rel.item ?? rel.type;
  if (!id) return 'root';
  if (Y.getState(store, id.client) <= id.clock) return null;
  let struct = Y.getItem(store, id);
  let clock = id.clock;
  // Follow redone copies as Yjs does when it resolves the position.
  while (struct instanceof Y.Item && struct.redone) {
    const next = Y.createID(struct.redone.client, struct.redone.clock + (clock - struct.id.clock));
    clock = next.clock;
    struct = Y.getItem(store, next);
  }
  return struct;
}

/**
 * True when the text or block a relative position hangs on was deleted (also when one of its
 * ancestors was): Yjs then still resolves it, to where the deleted content was.
 */
export function isAnchorDeleted(doc: Y.Doc, rel: Y.RelativePosition): boolean {
  const found = anchorItem(doc.store, rel);
  if (found === 'root') return false;
  if (!(found instanceof Y.Item)) return true;
  for (let item: Y.Item | null = found; item; item = (item.parent as Y.AbstractType<unknown>)._item) {
    if (item.deleted) return true;
  }
  return false;
}

/** Items the transaction created (not those of other transactions merged into the same struct). */
function isNew(item: Y.Item, transaction: Y.Transaction): boolean {
  return item.id.clock + item.length > (transaction.beforeState.get(item.id.client) ?? 0);
}

/** Whether the transaction wrote a block or some of its (still present) content. */
function writtenBy(element: Y.XmlElement, transaction: Y.Transaction): boolean {
  if (element._item && isNew(element._item, transaction)) return true;
  for (let child = element._start; child; child = child.right) {
    if (child.deleted) continue;
    if (isNew(child, transaction)) return true;
    const content = child.content;
    if (content instanceof Y.ContentType && content.type instanceof Y.XmlText) {
      for (let char = content.type._start; char; char = char.right) if (!char.deleted && isNew(char, transaction)) return true;
    }
  }
  return false;
}

/** The textblocks of the new document that the transaction wrote (where moved text can be). */
function blocksWrittenBy(change: RemoteChange): (block: PMNode) => boolean {
  const { binding, transaction } = change;
  if (!transaction) return () => false;
  const elements = new Map<PMNode, Y.XmlElement>();
  for (const [type, node] of binding.mapping) {
    if (type instanceof Y.XmlElement && !Array.isArray(node)) elements.set(node as PMNode, type);
  }
  return (block) => {
    const element = elements.get(block);
    return element !== undefined && writtenBy(element, transaction);
  };
}

/**
 * A position the old one corresponds to when Yjs cannot say: the same place if it lies before
 * everything that changed, shifted if after, else where the change starts.
 */
function unchangedNeighbour(oldDoc: PMNode, newDoc: PMNode, oldPos: number): number {
  const start = oldDoc.content.findDiffStart(newDoc.content);
  if (start === null || oldPos <= start) return Math.min(oldPos, newDoc.content.size);
  const end = oldDoc.content.findDiffEnd(newDoc.content);
  if (end && oldPos >= end.a) return oldPos - end.a + end.b;
  return start;
}

/** A caret position at or next to `pos`: the end of the block before a gap, else the next. */
function caretNear(doc: PMNode, pos: number): number {
  const $pos = doc.resolve(Math.max(0, Math.min(pos, doc.content.size)));
  if ($pos.parent.inlineContent) return $pos.pos;
  const near = Selection.findFrom($pos, -1, true) ?? Selection.findFrom($pos, 1, true);
  return near ? near.head : $pos.pos;
}

interface Endpoint {
  rel: Y.RelativePosition;
  oldPos: number;
  context: TextContext | null;
}

/** Where Yjs puts a relative position in the new document, or null. */
function yjsPosition(change: RemoteChange, rel: Y.RelativePosition): number | null {
  const { binding, newDoc } = change;
  const pos = relativePositionToAbsolutePosition(binding.doc, binding.type, rel, binding.mapping);
  return pos !== null && pos >= 0 && pos <= newDoc.content.size ? pos : null;
}

function resolveEndpoint(change: RemoteChange, endpoint: Endpoint, candidates: () => (block: PMNode) => boolean): number {
  const { binding, newDoc } = change;
  const resolved = yjsPosition(change, endpoint.rel);
  if (resolved !== null && !isAnchorDeleted(binding.doc, endpoint.rel)) return resolved;
  const near = resolved ?? unchangedNeighbour(change.before.doc, newDoc, endpoint.oldPos);
  if (endpoint.context) {
    const moved = findMovedText(newDoc, endpoint.context, candidates(), near);
    if (moved !== null) return moved;
  }
  return caretNear(newDoc, near);
}

/**
 * The local selection after a remote change, resolved from the relative positions taken before
 * it: where Yjs puts them while the text or block they hang on exists (an empty block is found
 * by its identity, not by looking like another empty block); when that text was rebuilt
 * elsewhere (split, merge, wrapped in a list), where its neighbouring text now is; otherwise
 * the nearest caret position to where it was.
 */
export function selectionAfterRemoteChange(change: RemoteChange): Selection | null {
  // This runs inside the Yjs observer that draws the change: an exception there would leave
  // the editor showing the old document. Keep PM's own mapping rather than throw.
  try {
    return resolveSelection(change);
  } catch {
    return null;
  }
}

function resolveSelection(change: RemoteChange): Selection {
  const { newDoc, binding } = change;
  const { selection, doc: oldDoc } = change.before;
  if (selection instanceof AllSelection) return new AllSelection(newDoc);
  let written: ((block: PMNode) => boolean) | undefined;
  const candidates = () => (written ??= blocksWrittenBy(change));
  if (selection instanceof NodeSelection) {
    const rel = change.before.anchor;
    const pos = yjsPosition(change, rel);
    if (pos !== null && !isAnchorDeleted(binding.doc, rel) && newDoc.resolve(pos).nodeAfter?.type === selection.node.type) {
      return NodeSelection.create(newDoc, pos);
    }
    // The selected node is gone: a caret where it was.
    return TextSelection.create(newDoc, caretNear(newDoc, pos ?? unchangedNeighbour(oldDoc, newDoc, selection.from)));
  }
  const endpoint = (rel: Y.RelativePosition, oldPos: number) => resolveEndpoint(change, { rel, oldPos, context: textContext(oldDoc, oldPos) }, candidates);
  const anchor = endpoint(change.before.anchor, selection.anchor);
  const head = selection.empty ? anchor : endpoint(change.before.head, selection.head);
  return TextSelection.between(newDoc.resolve(anchor), newDoc.resolve(head));
}
