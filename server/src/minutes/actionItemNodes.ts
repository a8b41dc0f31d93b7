import * as Y from 'yjs';
import type { ActionItemStatus } from '../../../shared/editor/actionItemAttrs.js';
import { MINUTES_FRAGMENT } from '../../../shared/editor/schema.js';

/** The Y element of the action item `id`, wherever it is nested. */
export function findActionItemElement(doc: Y.Doc, id: string): Y.XmlElement | undefined {
  const walker = doc
    .getXmlFragment(MINUTES_FRAGMENT)
    .createTreeWalker((el) => el instanceof Y.XmlElement && el.nodeName === 'actionItem' && String(el.getAttribute('id')).toLowerCase() === id);
  const next = walker.next();
  return next.done ? undefined : (next.value as Y.XmlElement);
}

/**
 * Sets the status attribute in the document. Only the attribute changes, so a concurrent edit
 * of the task's text by a delegate merges with it.
 */
export function setActionItemStatusInDoc(doc: Y.Doc, id: string, status: ActionItemStatus): boolean {
  const element = findActionItemElement(doc, id);
  if (!element) return false;
  if (element.getAttribute('status') !== status) element.setAttribute('status', status);
  return true;
}
