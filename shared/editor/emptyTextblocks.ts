import type { Schema } from '@tiptap/pm/model';
import * as Y from 'yjs';

/*
 * Every empty textblock of the minutes holds an empty Y.XmlText, so that two people who start
 * typing into the same empty line at the same moment type into the same Yjs text. Otherwise
 * each creates one with their first character, and y-prosemirror merges such neighbours by
 * copying one into the other on both sides: characters appear twice (issue 8). The server
 * writes new minutes this way; the editor keeps it so (client/src/editor/textInEmptyBlocks.ts).
 */

/** The textblocks of `fragment` without any content, not even an empty text. */
export function emptyTextblocks(fragment: Y.XmlFragment, schema: Schema): Y.XmlElement[] {
  const found: Y.XmlElement[] = [];
  const visit = (parent: Y.XmlFragment | Y.XmlElement) => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (!schema.nodes[child.nodeName]?.isTextblock) visit(child);
      else if (child.length === 0) found.push(child);
    }
  };
  visit(fragment);
  return found;
}

/** Gives each of `blocks` an empty text (call inside a transaction). */
export function giveText(blocks: Y.XmlElement[]): void {
  for (const block of blocks) block.insert(0, [new Y.XmlText()]);
}
