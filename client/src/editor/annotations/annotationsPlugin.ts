import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type { SyncBinding } from '../remoteSelection.js';
import { decodeAnchor, resolveAnchor, type DecodedAnchor, type Range } from './anchors.js';
import type { AnnotationView } from './bridge.js';

interface Item {
  view: AnnotationView;
  anchor: DecodedAnchor | null;
}

export interface AnnotationsState {
  items: Item[];
  /** Where each anchor is in the current document (absent: it resolves nowhere). */
  ranges: Map<string, Range>;
  decorations: DecorationSet;
}

type Meta = { views: AnnotationView[] } | { resolve: true };

export const annotationsKey = new PluginKey<AnnotationsState>('annotations');

function bindingOf(state: EditorState): SyncBinding | null {
  return (ySyncPluginKey.getState(state)?.binding as SyncBinding | undefined) ?? null;
}

function resolveAll(items: Item[], state: EditorState | { doc: PMNode }, binding: SyncBinding | null): Map<string, Range> {
  const ranges = new Map<string, Range>();
  if (!binding) return ranges;
  for (const item of items) {
    if (!item.anchor) continue;
    try {
      const range = resolveAnchor(binding, state.doc, item.anchor);
      if (range) ranges.set(item.view.id, range);
    } catch {
      // An anchor the live document cannot place (a block not mapped yet): drawn once it can.
    }
  }
  return ranges;
}

/** The proposed words beside the struck-through ones, with the side's name: not document content. */
function proposalWidget(view: AnnotationView): () => HTMLElement {
  return () => {
    const box = document.createElement('span');
    box.className = `amend-proposed amend-tone-${view.tone}`;
    box.contentEditable = 'false';
    box.dataset.amendment = view.id;
    const side = document.createElement('span');
    side.className = 'amend-side';
    side.dir = 'auto';
    side.textContent = view.label;
    box.append(side);
    if (view.proposed) {
      const words = document.createElement('ins');
      words.dir = 'auto';
      words.textContent = view.proposed;
      box.append(words);
    }
    return box;
  };
}

export function buildDecorations(doc: PMNode, items: Item[], ranges: Map<string, Range>): DecorationSet {
  const decorations: Decoration[] = [];
  for (const { view } of items) {
    const range = ranges.get(view.id);
    if (!range || view.kind === 'hidden') continue;
    if (view.kind === 'comment') {
      if (range.to > range.from) decorations.push(Decoration.inline(range.from, range.to, { class: 'comment-range', 'data-comment': view.id }));
      continue;
    }
    if (range.to > range.from) {
      decorations.push(Decoration.inline(range.from, range.to, { class: `amend-quote amend-tone-${view.tone}`, 'data-amendment-quote': view.id }));
    }
    decorations.push(
      Decoration.widget(range.to, proposalWidget(view), {
        side: 1,
        ignoreSelection: true,
        key: `amend:${view.id}:${view.tone}:${view.label}:${view.proposed}`,
      }),
    );
  }
  return DecorationSet.create(doc, decorations);
}

function mapRanges(ranges: Map<string, Range>, tr: Transaction): Map<string, Range> {
  const next = new Map<string, Range>();
  for (const [id, range] of ranges) {
    const from = tr.mapping.map(range.from, -1);
    const to = Math.max(from, tr.mapping.map(range.to, -1));
    next.set(id, { from, to });
  }
  return next;
}

function sameRanges(a: Map<string, Range>, b: Map<string, Range>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, range] of a) {
    const other = b.get(id);
    if (!other || other.from !== range.from || other.to !== range.to) return false;
  }
  return true;
}

/**
 * Draws the open amendments (quoted words struck through, the proposed ones beside them,
 * coloured by side) and the comments' ranges, from anchors resolved against the live Y.Doc.
 * A remote change has already reached the Y.Doc when its transaction is applied: resolved at
 * once. A local edit reaches it only in the sync plugin's view update: mapped meanwhile, then
 * resolved again from Yjs just after (`onPositions` hears where each anchor starts).
 *
 * Must come after Collaboration in the extension list (it reads the sync plugin's binding).
 */
export function annotationsPlugin(onPositions: (starts: Map<string, number>) => void): Plugin<AnnotationsState> {
  const report = (state: AnnotationsState) => onPositions(new Map([...state.ranges].map(([id, r]) => [id, r.from])));
  return new Plugin<AnnotationsState>({
    key: annotationsKey,
    state: {
      init: (_, state) => ({ items: [], ranges: new Map(), decorations: DecorationSet.create(state.doc, []) }),
      apply(tr, prev, _old, state) {
        const meta = tr.getMeta(annotationsKey) as Meta | undefined;
        const remote = (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin === true;
        let items = prev.items;
        let ranges: Map<string, Range>;
        if (meta && 'views' in meta) {
          items = meta.views.map((view) => ({ view, anchor: decodeAnchor(view.anchor) }));
          ranges = resolveAll(items, state, bindingOf(state));
        } else if (meta || (remote && tr.docChanged)) {
          ranges = resolveAll(items, state, bindingOf(state));
        } else if (tr.docChanged) {
          ranges = mapRanges(prev.ranges, tr);
        } else {
          return prev;
        }
        if (items === prev.items && sameRanges(ranges, prev.ranges)) {
          return tr.docChanged ? { ...prev, decorations: prev.decorations.map(tr.mapping, tr.doc) } : prev;
        }
        return { items, ranges, decorations: buildDecorations(state.doc, items, ranges) };
      },
    },
    props: {
      decorations: (state) => annotationsKey.getState(state)?.decorations,
    },
    view: (editorView: EditorView) => {
      let scheduled = false;
      return {
        update(view, prevState) {
          const current = annotationsKey.getState(view.state);
          if (current) report(current);
          if (view.state.doc === prevState.doc || scheduled || !current?.items.length) return;
          // After the sync plugin wrote this edit into Yjs: read the anchors from there again.
          scheduled = true;
          queueMicrotask(() => {
            scheduled = false;
            if (editorView.isDestroyed) return;
            const state = annotationsKey.getState(editorView.state);
            if (!state) return;
            const fresh = resolveAll(state.items, editorView.state, bindingOf(editorView.state));
            if (!sameRanges(fresh, state.ranges)) editorView.dispatch(editorView.state.tr.setMeta(annotationsKey, { resolve: true }));
          });
        },
      };
    },
  });
}
