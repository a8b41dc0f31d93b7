import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type Transaction } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { MAX_NESTING_DEPTH } from './limits.js';

/**
 * Elements below `node`, counted down its deepest branch (text is not an element). Iterative:
 * a pasted tree may be deep.
 */
function depthBelow(node: PMNode): number {
  let deepest = 0;
  const stack: [PMNode, number][] = [[node, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    current.forEach((child) => {
      if (!child.isText) stack.push([child, depth + 1]);
    });
  }
  return deepest;
}

/**
 * The deepest element a transaction's changes reach, in the server's count (a top-level block
 * is at depth 1). Each changed range is looked at from the node that holds all of it, through
 * the whole subtrees of its children the range touches: sinking a list item moves everything
 * under it one list level down, not only the positions where the new wrappers go.
 */
export function deepestChange(tr: Transaction): number {
  let deepest = 0;
  tr.steps.forEach((step, i) => {
    const rest = tr.mapping.slice(i + 1);
    step.getMap().forEach((_oldStart, _oldEnd, newStart, newEnd) => {
      const from = rest.map(newStart, -1);
      const to = Math.max(from, rest.map(newEnd, 1));
      const $from = tr.doc.resolve(from);
      const depth = $from.sharedDepth(to);
      const holder = $from.node(depth);
      holder.forEach((child, offset) => {
        const start = $from.start(depth) + offset;
        if (start + child.nodeSize < from || start > to || child.isText) return;
        deepest = Math.max(deepest, depth + 1 + depthBelow(child));
      });
    });
  });
  return deepest;
}

/**
 * Keeps the editor within the nesting the server accepts (`MAX_NESTING_DEPTH`): a change that
 * would nest elements deeper (one more Tab in a list 15 levels deep, a paste of a deeper tree)
 * does not happen, instead of being sent and refused, which would end the connection. Changes
 * that come from the Yjs document (other editors, undo) are never held back: the editor must
 * show the shared document as it is, and the server has checked it.
 */
export const NestingLimit = Extension.create({
  name: 'nestingLimit',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('nestingLimit'),
        filterTransaction: (tr) => !tr.docChanged || tr.getMeta(ySyncPluginKey)?.isChangeOrigin === true || deepestChange(tr) <= MAX_NESTING_DEPTH,
      }),
    ];
  },
});
