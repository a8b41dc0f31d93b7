import type { Node as PMNode } from '@tiptap/pm/model';

/**
 * Calls `fn` for each text block (paragraph, heading, list paragraph, action item) in document
 * order with its position and its index among the text blocks. The index is how search results
 * name a block (`blockIndex`) and how the editor finds it again: one walk for both.
 */
export function forEachTextBlock(root: PMNode, fn: (node: PMNode, pos: number, index: number) => void): void {
  let index = 0;
  root.descendants((node, pos) => {
    if (node.isTextblock) {
      fn(node, pos, index++);
      return false;
    }
    return true;
  });
}

/** A text block's text, a hard break as a line break. */
export function textOfBlock(node: PMNode): string {
  return node.textBetween(0, node.content.size, '', (leaf) => (leaf.type.name === 'hardBreak' ? '\n' : ''));
}
