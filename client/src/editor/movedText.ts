import type { Node as PMNode } from '@tiptap/pm/model';

/** The text of a caret's block on either side of it (inline leaves count as one character). */
export interface TextContext {
  before: string;
  after: string;
}

const LEAF = '\ufffc';
/** Enough to tell a sentence from its neighbours; bounds the search on long paragraphs. */
const CONTEXT_CHARS = 64;

function blockText(block: PMNode): string {
  // One character per position, so string offsets are offsets in the block.
  return block.textBetween(0, block.content.size, undefined, LEAF);
}

/** The context of a position inside a textblock, or null between blocks. */
export function textContext(doc: PMNode, pos: number): TextContext | null {
  const $pos = doc.resolve(pos);
  if (!$pos.parent.inlineContent) return null;
  const text = blockText($pos.parent);
  const at = $pos.parentOffset;
  return { before: text.slice(Math.max(0, at - CONTEXT_CHARS), at), after: text.slice(at, at + CONTEXT_CHARS) };
}

/**
 * Where a caret's text went when its block was rebuilt elsewhere (split by Enter before the
 * caret, merged into the block above, wrapped in a list, turned into a heading): the offset in
 * `text` whose sides continue the caret's old sides up to a block boundary on each side — the
 * old one or the new one — matching as many characters as possible; -1 when none matches at
 * least one character.
 */
function bestOffset(text: string, context: TextContext): { offset: number; matched: number } {
  const { before, after } = context;
  const offsets = new Set<number>();
  // The whole old "before" ends here …
  for (let at = text.indexOf(before); at !== -1 && before.length > 0; at = text.indexOf(before, at + 1)) offsets.add(at + before.length);
  // … or the block starts inside it (the block was split before the caret).
  for (let k = 0; k <= Math.min(before.length, text.length); k++) if (before.endsWith(text.slice(0, k))) offsets.add(k);
  let best = { offset: -1, matched: 0 };
  for (const k of offsets) {
    const tail = text.slice(k);
    if (!(tail.startsWith(after) || after.startsWith(tail))) continue;
    const matched = Math.min(before.length, k) + Math.min(after.length, tail.length);
    if (matched > best.matched) best = { offset: k, matched };
  }
  return best;
}

/**
 * The position in `doc` where the text around an old caret now is, looking only at the
 * textblocks `isCandidate` accepts (those the remote change wrote); the best match wins, the
 * one nearest to `near` among equals. Null when no block continues the caret's text.
 */
export function findMovedText(doc: PMNode, context: TextContext, isCandidate: (block: PMNode) => boolean, near: number): number | null {
  let found: { pos: number; matched: number; distance: number } | null = null;
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    if (!isCandidate(node)) return false;
    const { offset, matched } = bestOffset(blockText(node), context);
    if (offset < 0) return false;
    const at = pos + 1 + offset;
    const distance = Math.abs(at - near);
    if (!found || matched > found.matched || (matched === found.matched && distance < found.distance)) found = { pos: at, matched, distance };
    return false;
  });
  return (found as { pos: number } | null)?.pos ?? null;
}
