import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { sectionOfHeading, type TemplateSection } from '../../../shared/editor/templateSections.js';

export interface SectionHint {
  text: string;
  dir: 'rtl' | 'ltr';
}

export interface SectionHintsOptions {
  /** What to write under an empty section, in the interface language; null for none. */
  hintOf: (section: TemplateSection) => SectionHint | null;
}

export const sectionHintsKey = new PluginKey('sectionHints');

/**
 * Blocks that say what to type themselves (the action item's "اكتب المهمة…", ActionItemView): a
 * section's hint on one of them was drawn over its own, the two texts on one line.
 */
const OWN_PLACEHOLDER = new Set(['actionItem']);

/** The first textblock of `node` (itself included) and its position, if it has no content at all. */
function emptyTextblock(node: PMNode, pos: number): { node: PMNode; pos: number } | null {
  if (OWN_PLACEHOLDER.has(node.type.name)) return null;
  if (node.content.size === 0) return node.isTextblock ? { node, pos } : null;
  if (node.textContent !== '') return null;
  let found: { node: PMNode; pos: number } | null = null;
  let other = false;
  node.descendants((child, offset) => {
    if (found || other) return false;
    if (child.isTextblock) {
      if (child.content.size === 0) found = { node: child, pos: pos + 1 + offset };
      else other = true;
      return false;
    }
    if (child.isAtom) other = true;
    return !other;
  });
  return other ? null : found;
}

function decorations(state: EditorState, options: SectionHintsOptions): DecorationSet {
  const found: Decoration[] = [];
  let section: TemplateSection | null = null;
  state.doc.forEach((block, pos) => {
    if (block.type.name === 'heading') {
      section = sectionOfHeading(block.textContent);
      return;
    }
    const hint = section && options.hintOf(section);
    section = null;
    const empty = hint && emptyTextblock(block, pos);
    if (hint && empty) {
      found.push(Decoration.node(empty.pos, empty.pos + empty.node.nodeSize, { class: 'section-hint', 'data-hint': hint.text, 'data-hint-dir': hint.dir }));
    }
  });
  return DecorationSet.create(state.doc, found);
}

/**
 * The hint under an empty template section ("اكتب القرارات هنا…"): a decoration on the section's
 * empty first line, never text of the minutes, gone with the first character typed. The editor
 * dispatches a transaction with this plugin's key when the interface language changes.
 */
export const SectionHints = Extension.create<SectionHintsOptions>({
  name: 'sectionHints',
  addOptions: () => ({ hintOf: () => null }),
  addProseMirrorPlugins() {
    const options = this.options;
    return [new Plugin({ key: sectionHintsKey, props: { decorations: (state) => decorations(state, options) } })];
  },
});
