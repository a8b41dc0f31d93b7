import { Extension } from '@tiptap/core';
import { isChangeOrigin } from '@tiptap/extension-collaboration';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';

/*
 * y-tiptap renders a remote change while holding the binding's lock, so whatever a plugin
 * appends to that transaction is not written to Yjs: the editor would show a document the
 * others do not have, until some later local transaction happens to write it.
 */

/**
 * TrailingNode's empty last paragraph (after a list or an action item at the end) is added with
 * one's own edits only: added on a remote change it would be on this screen only, and added on
 * any local transaction (a click, another person's caret moving) every open editor would add
 * one at the same time.
 */
export const TrailingNodeWithEdits = Extension.create({
  name: 'trailingNodeWithEdits',
  dispatchTransaction({ transaction, next }) {
    // `skipTrailingNodeMeta` of @tiptap/extensions (a dependency of the starter kit).
    if (isChangeOrigin(transaction) || !transaction.docChanged) transaction.setMeta('skipTrailingNode', true);
    next(transaction);
  },
});

/**
 * What plugins append to a remote change (the action-item id fix, when the change brought two
 * items with one id) is written to Yjs as soon as the change is done, so that the editor shows
 * the shared document.
 */
export const WriteAppendedChanges = Extension.create<Record<string, never>, { pending: boolean }>({
  name: 'writeAppendedChanges',

  addStorage() {
    return { pending: false };
  },

  dispatchTransaction({ transaction, next }) {
    next(transaction);
    if (isChangeOrigin(transaction) && this.editor.state.doc !== transaction.doc) this.storage.pending = true;
  },

  addProseMirrorPlugins() {
    const storage = this.storage;
    return [
      new Plugin({
        key: new PluginKey('writeAppendedChanges'),
        view: (view) => {
          const doc = ySyncPluginKey.getState(view.state)?.doc as Y.Doc | undefined;
          if (!doc) return {};
          // After every Yjs transaction is done and the binding's lock is free: any local
          // transaction makes the sync plugin write the editor's document.
          const write = () => {
            if (!storage.pending) return;
            storage.pending = false;
            view.dispatch(view.state.tr.setMeta('addToHistory', false));
          };
          doc.on('afterAllTransactions', write);
          return { destroy: () => doc.off('afterAllTransactions', write) };
        },
      }),
    ];
  },
});
