import * as Y from 'yjs';
import { decodePosition, type Anchor } from '../../../shared/anchors/encoding.js';
import { MINUTES_FRAGMENT } from '../../../shared/editor/schema.js';

/** An anchor resolved in a document: `[from, to)` of one block's text. */
export interface TextRange {
  text: Y.XmlText;
  from: number;
  to: number;
}

export type AnchorProblem = 'unresolved' | 'spans_blocks';

/** Characters that stand for embeds in a text (never part of a quote). */
const EMBED = '\uFFFC';

/**
 * Resolves an anchor (see shared/anchors/encoding.ts) against a document: both positions must be
 * in the same live Y.XmlText of the minutes. A start after the end (text typed at a collapsed
 * point sits between its two sides) is the collapsed range at the end.
 */
export function resolveAnchor(doc: Y.Doc, anchor: Anchor): TextRange | AnchorProblem {
  const start = resolvePosition(doc, anchor.start);
  const end = resolvePosition(doc, anchor.end);
  if (!start || !end) return 'unresolved';
  if (start.type !== end.type) return 'spans_blocks';
  return { text: start.type, from: Math.min(start.index, end.index), to: end.index };
}

function resolvePosition(doc: Y.Doc, encoded: string): { type: Y.XmlText; index: number } | null {
  const relative = decodePosition(encoded);
  if (!relative) return null;
  let absolute: Y.AbsolutePosition | null;
  try {
    absolute = Y.createAbsolutePositionFromRelativePosition(relative, doc);
  } catch {
    // A position naming a root type by a name that is not one of ours, or a garbage id.
    return null;
  }
  if (!absolute || !(absolute.type instanceof Y.XmlText) || !inMinutes(doc, absolute.type)) return null;
  return { type: absolute.type, index: absolute.index };
}

/** The type hangs, undeleted, from the minutes' fragment. */
function inMinutes(doc: Y.Doc, type: Y.AbstractType<any>): boolean {
  let current: Y.AbstractType<any> = type;
  while (current._item) {
    if (current._item.deleted) return false;
    current = current._item.parent as Y.AbstractType<any>;
  }
  return current === doc.share.get(MINUTES_FRAGMENT);
}

/** The text of a range as it reads (formatting and embeds left out). */
export function rangeText(range: TextRange): string {
  return plainText(range.text).slice(range.from, range.to).replaceAll(EMBED, '');
}

function plainText(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : EMBED)).join('');
}

/** The formatting of the character at `index` (what a replacement of it should keep). */
export function formattingAt(text: Y.XmlText, index: number): Record<string, unknown> | undefined {
  let at = 0;
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    const length = typeof op.insert === 'string' ? op.insert.length : 1;
    if (index < at + length) return op.attributes ?? {};
    at += length;
  }
  return undefined;
}

/** Replaces the range by `replacement` with the formatting of its first character. */
export function replaceRange(range: TextRange, replacement: string): void {
  const { text, from, to } = range;
  const attributes = from < to ? formattingAt(text, from) : undefined;
  if (to > from) text.delete(from, to - from);
  if (replacement.length > 0) text.insert(from, replacement, attributes);
}
