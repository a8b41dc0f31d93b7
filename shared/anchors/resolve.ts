import * as Y from 'yjs';
import { decodePosition, textRangeAnchor, type Anchor } from './encoding.js';
import { MINUTES_FRAGMENT } from '../editor/schema.js';

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
  // A position naming a root type (`tname`) is never inside a block's text, and resolving it
  // would create that root in the live document.
  if (!relative || relative.tname !== null) return null;
  let absolute: Y.AbsolutePosition | null;
  try {
    absolute = Y.createAbsolutePositionFromRelativePosition(relative, doc);
  } catch {
    // An id of something that is not there (Yjs throws on some of those).
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

/** Longest quote kept of a range over several blocks (a comment on a whole section). */
export const MAX_QUOTE = 4000;

/**
 * The text an anchor covers now. Comments may span blocks (`acrossBlocks`): their quote joins the
 * blocks' texts in document order with line breaks (one block's texts, split by a line break
 * node, without); a range turned inside out by deletions is empty. Amendments may not.
 */
export function anchorQuote(doc: Y.Doc, anchor: Anchor, options: { acrossBlocks: boolean }): { quote: string } | { problem: AnchorProblem } {
  const start = resolvePosition(doc, anchor.start);
  const end = resolvePosition(doc, anchor.end);
  if (!start || !end) return { problem: 'unresolved' };
  if (start.type === end.type) return { quote: rangeText({ text: start.type, from: Math.min(start.index, end.index), to: end.index }) };
  if (!options.acrossBlocks) return { problem: 'spans_blocks' };
  const texts = textsInOrder(doc.getXmlFragment(MINUTES_FRAGMENT));
  const first = texts.indexOf(start.type);
  const last = texts.indexOf(end.type);
  let quote = '';
  for (let i = first; i <= last && first !== -1; i++) {
    const text = texts[i]!;
    if (i > first) quote += text.parent === texts[i - 1]!.parent ? '' : '\n';
    quote += plainText(text).slice(i === first ? start.index : 0, i === last ? end.index : undefined).replaceAll(EMBED, '');
    if (quote.length > MAX_QUOTE) return { quote: `${quote.slice(0, MAX_QUOTE - 1)}…` };
  }
  return { quote };
}

function textsInOrder(parent: Y.XmlFragment | Y.XmlElement, found: Y.XmlText[] = []): Y.XmlText[] {
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) found.push(child);
    else if (child instanceof Y.XmlElement) textsInOrder(child, found);
  }
  return found;
}

/** The text of a range as it reads (formatting and embeds left out). */
export function rangeText(range: TextRange): string {
  return plainText(range.text).slice(range.from, range.to).replaceAll(EMBED, '');
}

function plainText(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : EMBED)).join('');
}

/**
 * The anchor of a selection given as two relative positions (what y-prosemirror's
 * `absolutePositionToRelativePosition` gives for the ends of a ProseMirror selection), re-made
 * with the associations of the encoding; null when they are not in the same block's text.
 */
export function anchorFromPositions(doc: Y.Doc, from: Y.RelativePosition, to: Y.RelativePosition): Anchor | null {
  const start = Y.createAbsolutePositionFromRelativePosition(from, doc);
  const end = Y.createAbsolutePositionFromRelativePosition(to, doc);
  if (!start || !end || start.type !== end.type || !(start.type instanceof Y.XmlText)) return null;
  return textRangeAnchor(start.type, Math.min(start.index, end.index), Math.max(start.index, end.index));
}
