import { InputRule, Node, mergeAttributes } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { isUuid } from '../../ids.js';
import { ACTION_ITEM_STATUSES, isActionItemStatus, isIsoDate, type ActionItemAttrs } from '../actionItemAttrs.js';
import { expectValue, oneOf } from '../attributeChecks.js';

export { ACTION_ITEM_STATUSES, isActionItemStatus, isIsoDate } from '../actionItemAttrs.js';
export type { ActionItemAttrs, ActionItemStatus } from '../actionItemAttrs.js';

function newId(): string {
  return globalThis.crypto.randomUUID();
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    actionItem: {
      /** Inserts an action item after the current block (or turns an empty paragraph into one). */
      insertActionItem: (attrs?: Partial<ActionItemAttrs>) => ReturnType;
    };
  }
}

/**
 * The `actionItem` block: a task (inline content) with an owner, a due date and a status.
 * Defined once here; the client adds a React node view on top, the server and the exporters
 * use it as is. The DOM form (`div[data-type=action-item]`) keeps the attributes so that
 * copy/paste between documents keeps them too (the id included: the server gives an item whose
 * id another meeting's item holds a fresh one, `renewActionItemIds`).
 */
export const ActionItem = Node.create({
  name: 'actionItem',
  group: 'block',
  content: 'inline*',
  defining: true,

  addAttributes() {
    // `validate` is the value rule of each attribute: ProseMirror checks it when a node is made
    // and the server checks every update against it. What is read from pasted HTML is made
    // valid first, so pasting a foreign `action-item` block never fails.
    return {
      id: {
        default: null,
        validate: expectValue('a uuid or null', (v) => v === null || isUuid(v)),
        parseHTML: (el) => {
          const id = el.getAttribute('data-id');
          return isUuid(id) ? id : null;
        },
        renderHTML: (attrs) => ({ 'data-id': attrs.id }),
      },
      owner: {
        default: '',
        validate: expectValue('a string', (v) => typeof v === 'string'),
        parseHTML: (el) => el.getAttribute('data-owner') ?? '',
        renderHTML: (attrs) => ({ 'data-owner': attrs.owner }),
      },
      // Added after the first documents were written: a missing value reads as null (not linked).
      ownerUserId: {
        default: null,
        validate: expectValue('a uuid or null', (v) => v === null || isUuid(v)),
        parseHTML: (el) => {
          const id = el.getAttribute('data-owner-user-id');
          return isUuid(id) ? id : null;
        },
        renderHTML: (attrs) => ({ 'data-owner-user-id': attrs.ownerUserId ?? '' }),
      },
      due: {
        default: '',
        validate: expectValue('a date YYYY-MM-DD or empty', (v) => v === '' || (typeof v === 'string' && isIsoDate(v))),
        parseHTML: (el) => {
          const due = el.getAttribute('data-due') ?? '';
          return isIsoDate(due) ? due : '';
        },
        renderHTML: (attrs) => ({ 'data-due': attrs.due }),
      },
      status: {
        default: 'open',
        validate: oneOf(ACTION_ITEM_STATUSES),
        parseHTML: (el) => {
          const status = el.getAttribute('data-status');
          return isActionItemStatus(status) ? status : 'open';
        },
        renderHTML: (attrs) => ({ 'data-status': attrs.status }),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'div[data-type="action-item"]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['div', mergeAttributes(HTMLAttributes, { 'data-type': 'action-item' }), 0];
  },

  addCommands() {
    return {
      insertActionItem:
        (attrs = {}) =>
        ({ state, chain }) => {
          const { $from } = state.selection;
          const block = $from.parent;
          const content = { type: this.name, attrs: { owner: '', ownerUserId: null, due: '', status: 'open', ...attrs, id: attrs.id ?? newId() } };
          if (block.type.name === 'paragraph' && block.content.size === 0 && $from.depth === 1) {
            const from = $from.before();
            return chain().insertContentAt({ from, to: from + block.nodeSize }, content).setTextSelection(from + 1).run();
          }
          const after = $from.after(1);
          return chain().insertContentAt(after, content).setTextSelection(after + 1).run();
        },
    };
  },

  addProseMirrorPlugins() {
    const type = this.name;
    return [
      new Plugin({
        key: new PluginKey('actionItemIds'),
        // Splitting an item (Enter mid-text) or pasting one copies its id; an id must name one
        // item, so later copies get a fresh one. Convergent: co-editors fixing the same copy
        // concurrently settle on one id.
        appendTransaction: (transactions, _old, state) => {
          if (!transactions.some((tr) => tr.docChanged)) return null;
          const seen = new Set<string>();
          const tr = state.tr;
          state.doc.descendants((node, pos) => {
            if (node.type.name !== type) return true;
            const id = node.attrs.id as string | null;
            if (!id || seen.has(id)) tr.setNodeAttribute(pos, 'id', newId());
            else seen.add(id);
            return false;
          });
          return tr.docChanged ? tr : null;
        },
      }),
    ];
  },

  addInputRules() {
    const type = this.type;
    return [
      // `[] ` (brackets, then a space) typed at the start of an empty paragraph turns it into an
      // action item with a fresh id; the paragraph's direction override is kept.
      new InputRule({
        find: /^\[\]\s$/,
        handler: ({ state, range }) => {
          const $start = state.doc.resolve(range.from);
          const paragraph = $start.parent;
          if (paragraph.type.name !== 'paragraph' || range.from !== $start.start() || range.to !== $start.end()) return null;
          if (!$start.node(-1).canReplaceWith($start.index(-1), $start.indexAfter(-1), type)) return null;
          const attrs: Record<string, unknown> = { id: newId(), owner: '', due: '', status: 'open' };
          if (paragraph.attrs.dir !== undefined) attrs.dir = paragraph.attrs.dir;
          state.tr.delete(range.from, range.to).setBlockType(range.from, range.from, type, attrs);
        },
      }),
    ];
  },

  addKeyboardShortcuts() {
    return {
      'Mod-Alt-a': () => this.editor.commands.insertActionItem(),
      // Enter at the end of a non-empty action item starts a new one, like a list.
      Enter: () => {
        const { $from, empty } = this.editor.state.selection;
        if (!empty || $from.parent.type.name !== this.name) return false;
        if ($from.parent.content.size === 0) {
          return this.editor.commands.setNode('paragraph');
        }
        if ($from.parentOffset !== $from.parent.content.size) return false;
        const { owner, ownerUserId } = $from.parent.attrs as ActionItemAttrs;
        return this.editor.commands.insertActionItem({ owner, ownerUserId });
      },
    };
  },
});
