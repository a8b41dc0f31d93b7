import { extensions as coreExtensions, type AnyExtension, type Attributes, type Node } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { oneOf, TEXT_DIRECTIONS } from './attributeChecks.js';
import { NestingLimit } from './nestingLimit.js';
import { ActionItem } from './nodes/actionItem.js';
import { Attendance } from './nodes/attendance.js';

/**
 * THE extension list of the minutes. The client editor, the server's headless schema and the
 * exporters all build from it, so a node type added here is known everywhere — including by the
 * server's validation of every update, which derives its rules from the schema built from this
 * list (node names, allowed children, marks, attributes and their `validate` functions).
 *
 * - `undoRedo` is off: with collaboration the Yjs undo manager must be used (tiptap#1786).
 * - `TextDirection` is listed explicitly (not only as the editor's core option) so the server's
 *   `getSchema` keeps every block's `dir` attribute; otherwise per-paragraph overrides are
 *   stripped when the server reads the document.
 * - Link and code blocks are off: minutes do not need them and every node must have a PDF
 *   rendering.
 * - `NestingLimit` keeps editing within the nesting depth the server accepts.
 */
export function minutesExtensions(): AnyExtension[] {
  return [
    StarterKitWithValueRules.configure({
      undoRedo: false,
      link: false,
      codeBlock: false,
      code: false,
      horizontalRule: false,
      strike: false,
      blockquote: false,
    }),
    TextDirectionWithValues.configure({ direction: 'auto' }),
    ActionItem,
    Attendance,
    NestingLimit,
  ];
}

/** `dir` is one of ltr, rtl, auto: the values TextDirection itself reads from HTML. */
const TextDirectionWithValues = coreExtensions.TextDirection.extend({
  addGlobalAttributes() {
    return (this.parent?.() ?? []).map((global) => ({
      ...global,
      attributes: Object.fromEntries(
        Object.entries(global.attributes).map(([name, attribute]) => [name, name === 'dir' ? { ...attribute, validate: oneOf(TEXT_DIRECTIONS) } : attribute]),
      ),
    }));
  },
});

/** A heading's `level` is one of the heading extension's configured levels. */
const StarterKitWithValueRules = StarterKit.extend({
  addExtensions() {
    return (this.parent?.() ?? []).map((extension) =>
      extension.name !== 'heading'
        ? extension
        : (extension as Node<{ levels: number[] }>).extend({
            addAttributes() {
              const attributes: Attributes = this.parent?.() ?? {};
              return { ...attributes, level: { ...attributes.level, validate: oneOf(this.options.levels) } };
            },
          }),
    );
  },
});
