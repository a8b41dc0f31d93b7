import { extensions as coreExtensions, type AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { ActionItem } from './nodes/actionItem.js';

/**
 * THE extension list of the minutes. The client editor, the server's headless schema and the
 * exporters all build from it, so a node type added here is known everywhere.
 *
 * - `undoRedo` is off: with collaboration the Yjs undo manager must be used (tiptap#1786).
 * - `TextDirection` is listed explicitly (not only as the editor's core option) so the server's
 *   `getSchema` keeps every block's `dir` attribute; otherwise per-paragraph overrides are
 *   stripped when the server reads the document.
 * - Link and code blocks are off: minutes do not need them and every node must have a PDF
 *   rendering.
 */
export function minutesExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      undoRedo: false,
      link: false,
      codeBlock: false,
      code: false,
      horizontalRule: false,
      strike: false,
      blockquote: false,
    }),
    coreExtensions.TextDirection.configure({ direction: 'auto' }),
    ActionItem,
  ];
}
