import type { JSONContent } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { MINUTES_FRAGMENT, minutesSchema } from '../../../shared/editor/schema.js';

/**
 * The Yjs update of a brand-new document holding `json`. Only for documents that do not
 * exist yet: building an existing document from JSON again would duplicate its content.
 */
export function initialMinutesUpdate(json: JSONContent): Uint8Array {
  const doc = new Y.Doc();
  try {
    prosemirrorJSONToYXmlFragment(minutesSchema(), json, doc.getXmlFragment(MINUTES_FRAGMENT));
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
