import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { emptyTextblocks, emptyTextblocksTouched, giveText } from '../../../shared/editor/emptyTextblocks.js';

/*
 * Keeps every empty textblock holding an empty Y.XmlText (see shared/editor/emptyTextblocks.ts
 * for why: concurrent first keystrokes into one empty line otherwise double characters).
 */

/** Who writes the seeds, so that they are not a step of anybody's undo history. */
const SEED_ORIGIN = new PluginKey('textInEmptyBlocks');

interface WritingBinding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  _prosemirrorChanged?: (doc: unknown) => void;
}

function giveTextNow(doc: Y.Doc, blocks: Y.XmlElement[]): void {
  if (blocks.length > 0) doc.transact(() => giveText(blocks), SEED_ORIGIN);
}

export const TextInEmptyBlocks = Extension.create({
  name: 'textInEmptyBlocks',

  addProseMirrorPlugins() {
    const editor = this.editor;
    return [
      new Plugin({
        key: new PluginKey('textInEmptyBlocks'),
        view: (view) => {
          const binding = ySyncPluginKey.getState(view.state)?.binding as WritingBinding | undefined;
          const write = binding?._prosemirrorChanged;
          if (!binding || typeof write !== 'function') return {};
          const { doc } = binding;
          // What was loaded before the editor existed (minutes written before this rule).
          if (editor.isEditable) giveTextNow(doc, emptyTextblocks(binding.type, editor.schema));
          // A block this editor creates or empties is sent with its text, in the same update.
          binding._prosemirrorChanged = (pmDoc) => {
            doc.transact((transaction) => {
              write.call(binding, pmDoc);
              giveText(emptyTextblocksTouched(transaction, editor.schema));
            }, ySyncPluginKey);
          };
          // Blocks that come without one (from older clients) get it as soon as they arrive,
          // before anyone here can type into them.
          const seedArrived = (_doc: Y.Doc, transactions: Y.Transaction[]) => {
            if (!editor.isEditable) return;
            const touched = new Set(transactions.flatMap((transaction) => emptyTextblocksTouched(transaction, editor.schema)));
            giveTextNow(doc, [...touched].filter((block) => block.length === 0 && !block._item?.deleted));
          };
          doc.on('afterAllTransactions', seedArrived);
          return {
            destroy: () => {
              doc.off('afterAllTransactions', seedArrived);
              binding._prosemirrorChanged = write;
            },
          };
        },
      }),
    ];
  },
});
