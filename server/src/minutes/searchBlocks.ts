import type * as Y from 'yjs';
import { minutesSchema } from '../../../shared/editor/schema.js';
import { storableText } from '../../../shared/storableText.js';
import type { SearchBlock } from '../../../db/queries/search.js';
import { elementsInOrder, plainText } from './actionItemNodes.js';

/**
 * The non-empty text blocks of a document for the search index, numbered as
 * `forEachTextBlock` numbers them (every text block counts, empty ones too, so the editor finds
 * block N again). Read straight from the Y types like the action items: the projection runs
 * while people type, and a ProseMirror copy of the document would cost far more.
 */
export function searchBlocksOfDoc(doc: Y.Doc): SearchBlock[] {
  const nodes = minutesSchema().nodes;
  const blocks: SearchBlock[] = [];
  let index = 0;
  for (const element of elementsInOrder(doc, (e) => nodes[e.nodeName]?.isTextblock === true)) {
    const text = storableText(plainText(element)).trim();
    if (text) blocks.push({ index, kind: element.nodeName === 'actionItem' ? 'actionItem' : 'minutes', text });
    index++;
  }
  return blocks;
}
