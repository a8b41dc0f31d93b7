import type * as Y from 'yjs';
import type { AmendmentRow } from '../../../db/queries/amendments.js';
import { rangeText, resolveAnchor, type TextRange } from '../../../shared/anchors/resolve.js';
import { storableText } from '../../../shared/storableText.js';

type Anchored = Pick<AmendmentRow, 'anchorStart' | 'anchorEnd' | 'insertion'>;

/**
 * The range an amendment covers in the document now, or null once it is outdated: its words are
 * all deleted, or its paragraph is (an insertion point only goes with its paragraph). Outdated is
 * final: an undo of the deletion types new characters (Yjs links them to the deleted ones only
 * in the undoing editor's memory), so the amendment is proposed again if still wanted.
 */
export function amendmentRange(doc: Y.Doc, row: Anchored): TextRange | null {
  const range = resolveAnchor(doc, { start: row.anchorStart, end: row.anchorEnd });
  if (typeof range === 'string' || (!row.insertion && range.from === range.to)) return null;
  return range;
}

export function amendmentState(doc: Y.Doc, row: Anchored): { quote: string; status: 'open' | 'outdated' } {
  const range = amendmentRange(doc, row);
  return range ? { quote: storableText(rangeText(range)), status: 'open' } : { quote: '', status: 'outdated' };
}
