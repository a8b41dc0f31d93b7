import type * as Y from 'yjs';
import type { TextRange } from '../../../shared/anchors/resolve.js';

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
