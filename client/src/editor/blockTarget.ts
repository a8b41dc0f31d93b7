import { Extension, type Editor } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { useEffect } from 'react';
import { findTextBlock } from '../../../shared/editor/textBlocks.js';

/** The text block a search result points at (`?block=N`), or null. */
const blockTargetKey = new PluginKey<number | null>('blockTarget');

/**
 * Marks the text block a search result opened (class `search-target`), by its index among the
 * text blocks: a decoration, so nothing of it reaches the minutes, and it stays on the block
 * while others edit around it.
 */
export const BlockTarget = Extension.create({
  name: 'blockTarget',
  addProseMirrorPlugins() {
    return [
      new Plugin<number | null>({
        key: blockTargetKey,
        state: {
          init: () => null,
          apply: (tr, value) => {
            const meta = tr.getMeta(blockTargetKey) as number | null | undefined;
            return meta === undefined ? value : meta;
          },
        },
        props: {
          decorations(state) {
            const index = blockTargetKey.getState(state);
            const found = index === null || index === undefined ? undefined : findTextBlock(state.doc, index);
            if (!found) return null;
            return DecorationSet.create(state.doc, [
              Decoration.node(found.pos, found.pos + found.node.nodeSize, { class: 'search-target', 'data-search-target': 'true' }),
            ]);
          },
        },
      }),
    ];
  },
});

/**
 * Marks block `index` and scrolls it into view as soon as the document has it (the minutes may
 * still be arriving from the server when the editor appears).
 */
export function useBlockTarget(editor: Editor | null, index: number | null): void {
  useEffect(() => {
    if (!editor || index === null) return;
    editor.view.dispatch(editor.state.tr.setMeta(blockTargetKey, index).setMeta('addToHistory', false));
    let scrolled = false;
    const scroll = () => {
      if (scrolled) return;
      const found = findTextBlock(editor.state.doc, index);
      const dom = found && editor.view.nodeDOM(found.pos);
      if (!(dom instanceof HTMLElement)) return;
      scrolled = true;
      dom.scrollIntoView({ block: 'center' });
    };
    scroll();
    editor.on('transaction', scroll);
    return () => {
      editor.off('transaction', scroll);
      if (!editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(blockTargetKey, null).setMeta('addToHistory', false));
    };
  }, [editor, index]);
}
