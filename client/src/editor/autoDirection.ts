import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { firstStrongDirection } from '../../../shared/format/direction.js';

/**
 * What `data-auto-dir` says for a node with `dir="auto"`, or null to leave it to the browser:
 * - a list item: the direction of its first paragraph;
 * - a paragraph or heading without any letter (empty, digits): `inherit`, the document's
 *   direction, where the browser would say LTR.
 */
export function autoDirection(node: PMNode): 'rtl' | 'ltr' | 'inherit' | null {
  if (node.attrs.dir !== 'auto') return null;
  if (node.type.name === 'listItem') {
    const first = node.firstChild;
    return (first?.isTextblock ? firstStrongDirection(first.textContent) : undefined) ?? 'inherit';
  }
  if (node.isTextblock) return firstStrongDirection(node.textContent) === undefined ? 'inherit' : null;
  return null;
}

function decorate(doc: PMNode): DecorationSet {
  const decorations: Decoration[] = [];
  doc.descendants((node, pos) => {
    const dir = autoDirection(node);
    if (dir) decorations.push(Decoration.node(pos, pos + node.nodeSize, { 'data-auto-dir': dir }));
    return !node.isTextblock;
  });
  return DecorationSet.create(doc, decorations);
}

const key = new PluginKey<DecorationSet>('autoDirection');

/**
 * Client-only rendering aid for `dir="auto"` blocks (tiptap#7338). The browser's auto rule skips
 * children that have their own `dir`, so a list item never sees its paragraph's text and lays
 * out left to right (its bullet or number on the wrong side for Arabic), and a block without
 * letters is LTR even in an Arabic document (a new empty line starts on the left). This marks
 * such nodes with `data-auto-dir` (see `autoDirection`), which the editor CSS applies. Nothing is
 * written to the document; explicit `dir="rtl"`/`"ltr"` overrides are not touched.
 */
export const AutoDirection = Extension.create({
  name: 'autoDirection',

  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: (_config, state) => decorate(state.doc),
          apply: (tr, previous) => (tr.docChanged ? decorate(tr.doc) : previous),
        },
        props: {
          decorations: (state) => key.getState(state),
        },
      }),
    ];
  },
});
