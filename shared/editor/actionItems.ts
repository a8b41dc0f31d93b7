import type { JSONContent } from '@tiptap/core';
import { isUuid } from '../ids.js';
import { isActionItemStatus, isIsoDate, type ActionItemStatus } from './actionItemAttrs.js';

export interface ExtractedActionItem {
  id: string;
  /** Order in the document, from 0. */
  position: number;
  text: string;
  owner: string;
  /** `YYYY-MM-DD` or ''. */
  due: string;
  status: ActionItemStatus;
}

function textOf(node: JSONContent): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  return (node.content ?? []).map(textOf).join('');
}

/**
 * The action items of a minutes document, in document order. Items without a valid id, and
 * repeats of an id already seen (a split or pasted node), are skipped: an id names one item.
 * Bad attribute values are read as their defaults rather than dropped, so a task never vanishes
 * from the tracker because of a typo in a date.
 */
export function extractActionItems(doc: JSONContent): ExtractedActionItem[] {
  const items: ExtractedActionItem[] = [];
  const seen = new Set<string>();
  const visit = (node: JSONContent) => {
    if (node.type === 'actionItem') {
      const attrs = node.attrs ?? {};
      const id = typeof attrs.id === 'string' ? attrs.id.toLowerCase() : '';
      if (isUuid(id) && !seen.has(id)) {
        seen.add(id);
        items.push({
          id,
          position: items.length,
          text: textOf(node).trim(),
          owner: typeof attrs.owner === 'string' ? attrs.owner.trim() : '',
          due: typeof attrs.due === 'string' && isIsoDate(attrs.due) ? attrs.due : '',
          status: isActionItemStatus(attrs.status) ? attrs.status : 'open',
        });
      }
      return;
    }
    for (const child of node.content ?? []) visit(child);
  };
  visit(doc);
  return items;
}
