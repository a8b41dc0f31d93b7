import { Extension, type Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type { SyncBinding } from '../remoteSelection.js';
import { encodeAnchor, withinOneTextblock } from './anchors.js';
import { annotationsKey, annotationsPlugin } from './annotationsPlugin.js';
import type { AnnotationBridge, EditorHandle, SelectionInfo } from './bridge.js';

/** The minutes editor's part of issue 10: draws amendments and comments, reports their places to `bridge`. */
export function annotationsExtension(bridge: AnnotationBridge) {
  return Extension.create({
    name: 'annotations',
    addProseMirrorPlugins() {
      return [annotationsPlugin((starts) => bridge.setPositions(starts))];
    },
  });
}

/** Where the user's selection is, once they have placed one (clicked, typed, tabbed in). */
function currentSelection(editor: Editor): SelectionInfo | null {
  const binding = ySyncPluginKey.getState(editor.state)?.binding as SyncBinding | undefined;
  if (!binding) return null;
  const { from, to, empty } = editor.state.selection;
  const doc = editor.state.doc;
  const anchor = encodeAnchor(binding, from, to);
  if (!anchor) return null;
  return { anchor, quote: doc.textBetween(from, to, '\n'), collapsed: empty, oneBlock: withinOneTextblock(doc, from, to) };
}

/**
 * The handle the page's bridge drives. Read-only minutes (observers, circulated) are not
 * focusable, so "the user placed a selection" is also learnt from pointer and keyboard use.
 */
export function connectEditor(editor: Editor, bridge: AnnotationBridge): () => void {
  const dom = editor.view.dom;
  let placed = false;
  const mark = () => {
    placed = true;
  };
  for (const type of ['mouseup', 'keyup', 'focus'] as const) dom.addEventListener(type, mark);
  const handle: EditorHandle = {
    setAnnotations(views) {
      if (!editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(annotationsKey, { views }));
    },
    selection: () => (placed ? currentSelection(editor) : null),
    reveal(id) {
      const range = annotationsKey.getState(editor.state)?.ranges.get(id);
      if (!range || editor.isDestroyed) return false;
      const view = editor.view;
      view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, range.from, range.to)).scrollIntoView());
      placed = true;
      if (view.editable) {
        view.focus();
      } else {
        // Not editable: ProseMirror leaves the page's selection alone, so show the range there.
        const start = view.domAtPos(range.from);
        const end = view.domAtPos(range.to);
        document.getSelection()?.setBaseAndExtent(start.node, start.offset, end.node, end.offset);
      }
      const element = view.domAtPos(range.from).node;
      (element instanceof Element ? element : element.parentElement)?.scrollIntoView({ block: 'center' });
      return true;
    },
  };
  const disconnect = bridge.connect(handle);
  return () => {
    disconnect();
    for (const type of ['mouseup', 'keyup', 'focus'] as const) dom.removeEventListener(type, mark);
  };
}
