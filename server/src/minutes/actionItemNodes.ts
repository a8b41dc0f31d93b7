import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { isUuid } from '../../../shared/ids.js';
import { normalizeActionItems, type ExtractedActionItem, type RawActionItem } from '../../../shared/editor/actionItems.js';
import type { ActionItemStatus } from '../../../shared/editor/actionItemAttrs.js';
import { MINUTES_FRAGMENT } from '../../../shared/editor/schema.js';

/**
 * The elements of a document for which `isLeaf` holds, in document order, wherever they are
 * nested (their insides are not walked). A walk with its own stack that passes over anything
 * that is not an element: Yjs's tree walker throws on such content, and recursion would overflow
 * on a very deep tree (neither gets past the collab pipeline's validation; this is defence in
 * depth).
 */
export function* elementsInOrder(doc: Y.Doc, isLeaf: (element: Y.XmlElement) => boolean): Generator<Y.XmlElement> {
  const stack: unknown[] = doc.getXmlFragment(MINUTES_FRAGMENT).toArray().reverse();
  while (stack.length > 0) {
    const node = stack.pop();
    if (!(node instanceof Y.XmlElement)) continue;
    if (isLeaf(node)) {
      yield node;
      continue;
    }
    const children = node.toArray();
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

function actionItemElements(doc: Y.Doc): Generator<Y.XmlElement> {
  return elementsInOrder(doc, (element) => element.nodeName === 'actionItem');
}

/** The Y element of the action item `id`, wherever it is nested. */
export function findActionItemElement(doc: Y.Doc, id: string): Y.XmlElement | undefined {
  for (const element of actionItemElements(doc)) if (String(element.getAttribute('id')).toLowerCase() === id) return element;
  return undefined;
}

/**
 * Sets the status attribute in the document. Only the attribute changes, so a concurrent edit
 * of the task's text by a delegate merges with it. Returns the status it had (null: no such item).
 */
export function setActionItemStatusInDoc(doc: Y.Doc, id: string, status: ActionItemStatus): { from: string | undefined } | null {
  const element = findActionItemElement(doc, id);
  if (!element) return null;
  const from = element.getAttribute('status') as string | undefined;
  if (from !== status) element.setAttribute('status', status);
  return { from };
}

/**
 * The action items that do not have an id of their own, in document order: no valid id, the id
 * of an item before them in the document (a copy that no editor renumbered), or an id in
 * `takenElsewhere` (another meeting's item, pasted here). The tracker has one row per id and
 * that row stays with its first meeting, so each of these is invisible there until it gets a
 * fresh id.
 */
export function actionItemsWithoutOwnId(doc: Y.Doc, takenElsewhere: ReadonlySet<string>): Y.XmlElement[] {
  const seen = new Set<string>();
  const without: Y.XmlElement[] = [];
  for (const element of actionItemElements(doc)) {
    const raw = element.getAttribute('id');
    const id = typeof raw === 'string' ? raw.toLowerCase() : '';
    if (!isUuid(id) || seen.has(id) || takenElsewhere.has(id)) without.push(element);
    else seen.add(id);
  }
  return without;
}

/** Gives each action item without an id of its own (see above) a fresh one; what changed, old id → new. */
export function renewActionItemIds(doc: Y.Doc, takenElsewhere: ReadonlySet<string>, newId: () => string = randomUUID): { from: unknown; to: string }[] {
  return actionItemsWithoutOwnId(doc, takenElsewhere).map((element) => {
    const from = element.getAttribute('id') ?? null;
    const to = newId();
    element.setAttribute('id', to);
    return { from, to };
  });
}

/** The text of a text block element, a hard break as a line break. */
export function plainText(element: Y.XmlElement): string {
  let text = '';
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert: unknown }[]) if (typeof op.insert === 'string') text += op.insert;
    } else if (child instanceof Y.XmlElement && child.nodeName === 'hardBreak') {
      text += '\n';
    }
  }
  return text;
}

/**
 * The action items of a document, read straight from its Y types. The same result as
 * `extractActionItems(minutesJSON(doc))` at a fraction of the cost (no copy of the document, no
 * ProseMirror tree), which matters because the projection runs while people type.
 */
export function actionItemsOfDoc(doc: Y.Doc): ExtractedActionItem[] {
  const raw: RawActionItem[] = [];
  for (const element of actionItemElements(doc)) {
    raw.push({
      id: element.getAttribute('id'),
      owner: element.getAttribute('owner'),
      ownerUserId: element.getAttribute('ownerUserId'),
      due: element.getAttribute('due'),
      status: element.getAttribute('status'),
      text: plainText(element),
    });
  }
  return normalizeActionItems(raw);
}
