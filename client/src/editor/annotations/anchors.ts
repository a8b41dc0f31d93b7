import type { Node as PMNode } from '@tiptap/pm/model';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { decodePosition, textRangeAnchor, type Anchor } from '../../../../shared/anchors/encoding.js';
import type { SyncBinding } from '../remoteSelection.js';

/**
 * Anchors of amendments and comments (issue 10) in the editor: two Yjs relative positions
 * inside a block's XmlText, encoded as `shared/anchors/encoding.ts` says. The editor finds the
 * XmlText of a ProseMirror position with y-tiptap's `absolutePositionToRelativePosition` and
 * places an anchor back with `relativePositionToAbsolutePosition`, both against the live Y.Doc,
 * so it follows its words through everyone's edits.
 */
export type EncodedAnchor = Anchor;

/**
 * The block text and offset of a ProseMirror position: y-tiptap's own conversion finds them
 * (its relative position always sticks to the character before), read back with Yjs.
 */
function textIndex(binding: SyncBinding, pos: number): { text: Y.XmlText; index: number } | null {
  const rel = absolutePositionToRelativePosition(pos, binding.type, binding.mapping) as Y.RelativePosition;
  const absolute = Y.createAbsolutePositionFromRelativePosition(rel, binding.doc);
  return absolute && absolute.type instanceof Y.XmlText ? { text: absolute.type, index: absolute.index } : null;
}

/**
 * The anchor of `from`–`to` as the server reads it (README, "Anchors"): `start` sticks to the
 * first character of the range (assoc 0), `end` to the last (assoc -1), so text typed just
 * before or after stays outside. Null when an end is not inside a block's text.
 */
export function encodeAnchor(binding: SyncBinding, from: number, to: number): EncodedAnchor | null {
  const start = textIndex(binding, from);
  const end = textIndex(binding, to);
  if (!start || !end) return null;
  if (start.text === end.text) return textRangeAnchor(start.text, start.index, end.index);
  // Across blocks (a comment may): each end as the shared encoding makes it.
  return { start: textRangeAnchor(start.text, start.index, start.index).start, end: textRangeAnchor(end.text, end.index, end.index).end };
}

export interface DecodedAnchor {
  start: Y.RelativePosition;
  end: Y.RelativePosition;
}

export function decodeAnchor(anchor: EncodedAnchor): DecodedAnchor | null {
  const start = decodePosition(anchor.start);
  const end = decodePosition(anchor.end);
  return start && end ? { start, end } : null;
}

export interface Range {
  from: number;
  to: number;
}

/**
 * Whether the block text a position lies in was deleted (or a block around it). Yjs still
 * resolves such a position, to where the deleted block was; its own character being deleted
 * is fine (it then stands where that character was).
 */
function blockDeleted(doc: Y.Doc, rel: Y.RelativePosition): boolean {
  const absolute = Y.createAbsolutePositionFromRelativePosition(rel, doc);
  if (!absolute) return true;
  for (let item = absolute.type._item; item; item = (item.parent as Y.AbstractType<unknown>)._item) {
    if (item.deleted) return true;
  }
  return false;
}

/**
 * Where an anchor is now in `doc` (the document the binding shows), or null when either end
 * resolves nowhere (its block is gone, or the range was turned inside out by a deletion).
 */
export function resolveAnchor(binding: SyncBinding, doc: PMNode, anchor: DecodedAnchor): Range | null {
  const size = doc.content.size;
  const at = (rel: Y.RelativePosition) => {
    if (blockDeleted(binding.doc, rel)) return null;
    const pos = relativePositionToAbsolutePosition(binding.doc, binding.type, rel, binding.mapping);
    return pos !== null && pos >= 0 && pos <= size ? pos : null;
  };
  const from = at(anchor.start);
  const to = at(anchor.end);
  if (from === null || to === null || to < from) return null;
  return { from, to };
}

/** Whether `from`–`to` lies inside the text of one block (what an amendment may cover). */
export function withinOneTextblock(doc: PMNode, from: number, to: number): boolean {
  const $from = doc.resolve(from);
  return $from.parent.isTextblock && $from.sameParent(doc.resolve(to));
}
