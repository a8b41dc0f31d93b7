import type { JSONContent } from '@tiptap/core';
import { isUuid } from '../ids.js';
import { storableText } from '../storableText.js';
import { isActionItemStatus, isIsoDate, type ActionItemStatus } from './actionItemAttrs.js';

export interface ExtractedActionItem {
  id: string;
  /** Order in the document, from 0. */
  position: number;
  text: string;
  owner: string;
  /** The owner's account when the owner is a member of the group (lowercase uuid), else null. */
  ownerUserId: string | null;
  /** `YYYY-MM-DD` or ''. */
  due: string;
  status: ActionItemStatus;
}

function textOf(node: JSONContent): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  return (node.content ?? []).map(textOf).join('');
}

/** An action item as read from a document, before checking its values. */
export interface RawActionItem {
  id: unknown;
  owner: unknown;
  ownerUserId: unknown;
  due: unknown;
  status: unknown;
  text: string;
}

/**
 * Checks and orders raw items. Items without a valid id, and repeats of an id already seen (a
 * split or pasted node), are skipped: an id names one item. Bad attribute values are read as
 * their defaults rather than dropped, so a task never vanishes from the tracker because of a
 * typo in a date. Text and owner are made storable (no NUL, no lone surrogate): the projection
 * writes them to Postgres, and the tracker shows what the table holds.
 */
export function normalizeActionItems(raw: Iterable<RawActionItem>): ExtractedActionItem[] {
  const items: ExtractedActionItem[] = [];
  const seen = new Set<string>();
  for (const item of raw) {
    const id = typeof item.id === 'string' ? item.id.toLowerCase() : '';
    if (!isUuid(id) || seen.has(id)) continue;
    seen.add(id);
    items.push({
      id,
      position: items.length,
      text: storableText(item.text).trim(),
      owner: typeof item.owner === 'string' ? storableText(item.owner).trim() : '',
      ownerUserId: typeof item.ownerUserId === 'string' && isUuid(item.ownerUserId) ? item.ownerUserId.toLowerCase() : null,
      due: typeof item.due === 'string' && isIsoDate(item.due) ? item.due : '',
      status: isActionItemStatus(item.status) ? item.status : 'open',
    });
  }
  return items;
}

/** The action items of a minutes document (ProseMirror JSON), in document order. */
export function extractActionItems(doc: JSONContent): ExtractedActionItem[] {
  const raw: RawActionItem[] = [];
  const visit = (node: JSONContent) => {
    if (node.type === 'actionItem') {
      const attrs = node.attrs ?? {};
      raw.push({ id: attrs.id, owner: attrs.owner, ownerUserId: attrs.ownerUserId, due: attrs.due, status: attrs.status, text: textOf(node) });
      return;
    }
    for (const child of node.content ?? []) visit(child);
  };
  visit(doc);
  return normalizeActionItems(raw);
}
