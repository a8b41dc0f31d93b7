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
      if (!isTextblock(schema, child)) visit(child);
      else if (child.length === 0) found.push(child);
    }
  };
  visit(fragment);
  return found;
}

const isTextblock = (schema: Schema, type: Y.XmlElement) => !!schema.nodes[type.nodeName]?.isTextblock;

/** `type` if it is an empty textblock, else the empty textblocks below it. */
function emptyWithin(type: Y.XmlElement, schema: Schema, found: Set<Y.XmlElement>): void {
  if (isTextblock(schema, type)) {
    if (type.length === 0) found.add(type);
    return;
  }
  for (const child of type.toArray()) if (child instanceof Y.XmlElement) emptyWithin(child, schema, found);
}

/**
 * The empty textblocks among those a transaction emptied or created: the same answer as
 * `emptyTextblocks` for what changed, without walking the whole document on every keystroke.
 */
export function emptyTextblocksTouched(transaction: Y.Transaction, schema: Schema): Y.XmlElement[] {
  const found = new Set<Y.XmlElement>();
  const created = (item: Y.Item) => item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0);
  for (const type of transaction.changed.keys()) {
    if (type._item?.deleted || !(type instanceof Y.XmlElement || type instanceof Y.XmlFragment)) continue;
    if (type instanceof Y.XmlElement && isTextblock(schema, type)) {
      if (type.length === 0) found.add(type);
      continue;
    }
    for (const child of type.toArray()) if (child instanceof Y.XmlElement && child._item && created(child._item)) emptyWithin(child, schema, found);
  }
  return [...found];
}

/** Gives each of `blocks` an empty text (call inside a transaction). */
export function giveText(blocks: Y.XmlElement[]): void {
  for (const block of blocks) block.insert(0, [new Y.XmlText()]);
}
