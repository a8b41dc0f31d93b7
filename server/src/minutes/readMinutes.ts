import type { JSONContent } from '@tiptap/core';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import type { Node as PMNode } from '@tiptap/pm/model';
import * as Y from 'yjs';
import { MINUTES_FRAGMENT, minutesSchema } from '../../../shared/editor/schema.js';
import { forEachTextBlock, textOfBlock } from '../../../shared/editor/textBlocks.js';
import { DomainError } from '../errors.js';
import { validateDocument } from './validation/documentCheck.js';

/**
 * The minutes as a ProseMirror node, read through the shared schema. It reads from a copy:
 * y-tiptap rewrites the Y document when it meets a node type the schema does not know, and a
 * read must never change the stored minutes. A document that is not valid minutes (the collab
 * pipeline lets none in; this is defence in depth) is refused with a clear error before the
 * conversion, which recurses and would overflow the stack on a very deep tree.
 */
export function minutesNode(doc: Y.Doc): PMNode {
  const problem = validateDocument(doc);
  if (problem) throw new DomainError('unavailable', `The stored minutes are damaged and cannot be read (${problem.message}).`, undefined, undefined, { code: 'minutes_unavailable' });
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  try {
    return yXmlFragmentToProseMirrorRootNode(copy.getXmlFragment(MINUTES_FRAGMENT), minutesSchema());
  } finally {
    copy.destroy();
  }
}

export function minutesJSON(doc: Y.Doc): JSONContent {
  return minutesNode(doc).toJSON() as JSONContent;
}

/** The minutes held by stored updates (a meeting's log), checked and read as any document is. */
export function minutesJSONOfUpdates(updates: Uint8Array[]): JSONContent {
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      for (const update of updates) Y.applyUpdate(doc, update);
    });
    return minutesJSON(doc);
  } finally {
    doc.destroy();
  }
}

/** A stored ProseMirror JSON document (a version) as a node of the shared schema. */
export function nodeFromJSON(json: JSONContent): PMNode {
  return minutesSchema().nodeFromJSON(json);
}

/** The text of each paragraph, heading, list item paragraph or action item, in document order. */
export function textBlocks(root: PMNode): string[] {
  const blocks: string[] = [];
  forEachTextBlock(root, (node) => {
    blocks.push(textOfBlock(node));
  });
  return blocks;
}

/** Plain text: one line per paragraph, heading, list item paragraph or action item. */
export function minutesText(doc: Y.Doc): string {
  return textBlocks(minutesNode(doc)).join('\n');
}
