import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import { selectionAfterRemoteChange, selectionBefore, type SelectionBefore, type SyncBinding } from './remoteSelection.js';

interface Pending {
  /** The editor's selection when the current batch of Yjs transactions began. */
  before: SelectionBefore | null;
  /** The Yjs transaction whose changes the binding is rendering. */
  transaction: Y.Transaction | null;
  /** The binding would scroll the caret into view (if it is in view). */
  keepInView: boolean;
}

/** y-tiptap's `ProsemirrorBinding`, with the members read and switched off here. */
type Binding = SyncBinding & {
  beforeTransactionSelection: unknown;
  _isLocalCursorInView?: () => boolean;
};

interface SyncMeta {
  isChangeOrigin?: boolean;
}

/**
 * Keeps each person's caret and selection with their own text when someone else's change
 * arrives (issue 8). y-tiptap's binding restores the selection from Yjs relative positions and
 * then, for a caret at the start of a textblock (every caret in an empty one), second-guesses
 * them with a content heuristic: "the N-th block of this type with this text". When a remote
 * Enter adds an empty paragraph above, the N-th empty paragraph is the new one, and the caret
 * moves into someone else's line. Its restore also reads a selection that its undo plugin sets
 * after the undo's transaction is over (so the next remote change throws the caret back to the
 * undone edit), and it can throw a RangeError inside the Yjs observer (the editor then keeps
 * showing the old document). So the binding's restore is switched off, and every remote change
 * gets its selection from relative positions taken here (see `selectionAfterRemoteChange`).
 *
 * Must come after Collaboration in the extension list (it reads the sync plugin's binding).
 */
export const SelectionFollowsText = Extension.create<Record<string, never>, Pending>({
  name: 'selectionFollowsText',

  addStorage() {
    return { before: null, transaction: null, keepInView: false };
  },

  addProseMirrorPlugins() {
    const pending = this.storage;
    return [
      new Plugin({
        key: new PluginKey('selectionFollowsText'),
        view: (view) => {
          const binding = ySyncPluginKey.getState(view.state)?.binding as Binding | undefined;
          if (!binding) return {};
          const doc = binding.doc;
          const beforeAll = () => {
            pending.before ??= selectionBefore(binding, view.state.doc, view.state.selection);
          };
          // Emitted just before the observers (the binding's among them) see a transaction:
          // the binding's own restore is switched off, remembering whether it would have
          // scrolled the caret into view.
          const beforeObservers = (transaction: Y.Transaction) => {
            pending.transaction = transaction;
            if (binding.beforeTransactionSelection !== null) {
              pending.keepInView = true;
              binding.beforeTransactionSelection = null;
            }
          };
          const afterAll = () => {
            pending.before = null;
            pending.transaction = null;
            pending.keepInView = false;
          };
          doc.on('beforeAllTransactions', beforeAll);
          doc.on('beforeObserverCalls', beforeObservers);
          doc.on('afterAllTransactions', afterAll);
          return {
            destroy: () => {
              doc.off('beforeAllTransactions', beforeAll);
              doc.off('beforeObserverCalls', beforeObservers);
              doc.off('afterAllTransactions', afterAll);
              afterAll();
            },
          };
        },
      }),
    ];
  },

  dispatchTransaction({ transaction, next }) {
    const meta = transaction.getMeta(ySyncPluginKey) as SyncMeta | undefined;
    const before = this.storage.before;
    if (meta?.isChangeOrigin && transaction.docChanged && before) {
      const binding = ySyncPluginKey.getState(this.editor.state)?.binding as Binding | undefined;
      if (binding) {
        const selection = selectionAfterRemoteChange({ binding, before, newDoc: transaction.doc, transaction: this.storage.transaction });
        if (selection) transaction.setSelection(selection);
        if (this.storage.keepInView && binding._isLocalCursorInView?.()) transaction.scrollIntoView();
      }
    }
    next(transaction);
  },
});
