import type { Node as PMNode } from '@tiptap/pm/model';

/**
 * Calls `fn` for each text block (paragraph, heading, list paragraph, action item) in document
 * order with its position and its index among the text blocks, until `fn` returns true. The
 * index is how search results name a block (`blockIndex`) and how the editor finds it again:
 * one walk for both.
 */
export function forEachTextBlock(root: PMNode, fn: (node: PMNode, pos: number, index: number) => boolean | void): void {
  let index = 0;
  let stopped = false;
  root.descendants((node, pos) => {
    if (stopped) return false;
    if (node.isTextblock) {
      stopped = fn(node, pos, index++) === true;
      return false;
    }
    return true;
  });
}

/** The text block numbered `index` by `forEachTextBlock`, if the document has that many. */
export function findTextBlock(root: PMNode, index: number): { node: PMNode; pos: number } | undefined {
  let found: { node: PMNode; pos: number } | undefined;
  forEachTextBlock(root, (node, pos, i) => {
    if (i === index) found = { node, pos };
    return found !== undefined;
  });
  return found;
}

/** A text block's text, a hard break as a line break. */
export function textOfBlock(node: PMNode): string {
  return node.textBetween(0, node.content.size, '', (leaf) => (leaf.type.name === 'hardBreak' ? '\n' : ''));
}
