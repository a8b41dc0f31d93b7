import type { Node as PMNode } from '@tiptap/pm/model';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import type { SyncBinding } from '../remoteSelection.js';

/**
 * Anchors of amendments and comments (issue 10): two Yjs relative positions inside a block's
 * XmlText, each the base64 of `Y.encodeRelativePosition` of what y-tiptap's
 * `absolutePositionToRelativePosition` gives for a ProseMirror position. Resolved against the
 * live Y.Doc, they follow their words through everyone's edits.
 */
export interface EncodedAnchor {
  start: string;
  end: string;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

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
  return {
    start: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(start.text, start.index, 0))),
    end: toBase64(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(end.text, end.index, -1))),
  };
}

/** A relative position from its base64, or null for one that does not decode. */
export function decodePosition(text: string): Y.RelativePosition | null {
  try {
    return Y.decodeRelativePosition(fromBase64(text));
  } catch {
    return null;
  }
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
