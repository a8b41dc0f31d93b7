import type { JSONContent } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { emptyTextblocks, giveText } from '../../../shared/editor/emptyTextblocks.js';
import { MINUTES_FRAGMENT, minutesSchema } from '../../../shared/editor/schema.js';

/**
 * The Yjs update of a brand-new document holding `json`. Only for documents that do not
 * exist yet: building an existing document from JSON again would duplicate its content.
 */
export function initialMinutesUpdate(json: JSONContent): Uint8Array {
  const doc = new Y.Doc();
  try {
    const fragment = doc.getXmlFragment(MINUTES_FRAGMENT);
    prosemirrorJSONToYXmlFragment(minutesSchema(), json, fragment);
    // Its empty lines hold a text already, so that two people starting one at once share it.
    doc.transact(() => giveText(emptyTextblocks(fragment, minutesSchema())));
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
