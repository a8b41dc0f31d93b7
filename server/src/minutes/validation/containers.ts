import * as Y from 'yjs';
import { typeName, type Container } from './itemRules.js';

/**
 * The container an integrated Yjs type is for its own items. Depth is counted by walking up
 * (iteratively), and stops one past `maxDepth`: anything deeper is too deep, however deep.
 */
export function containerOfType(type: Y.AbstractType<unknown>, maxDepth: number): Container {
  const item = type._item;
  if (item === null) return { kind: 'root', name: rootName(type) };
  switch (type.constructor) {
    case Y.XmlElement:
      return { kind: 'element', name: (type as Y.XmlElement).nodeName, depth: depthOf(type, maxDepth) };
    case Y.XmlText: {
      const parent = item.parent as Y.AbstractType<unknown>;
      const depth = depthOf(type, maxDepth);
      return parent.constructor === Y.XmlElement ? { kind: 'text', block: (parent as Y.XmlElement).nodeName, depth } : { kind: 'text', block: null, depth };
    }
    default:
      return { kind: 'other', what: typeName(type) };
  }
}

/** Types from the root down to `type`, included (a top-level block is at depth 1). */
function depthOf(type: Y.AbstractType<unknown>, maxDepth: number): number {
  let depth = 0;
  for (let t: Y.AbstractType<unknown> = type; t._item !== null && depth <= maxDepth; t = t._item.parent as Y.AbstractType<unknown>) depth++;
  return depth;
}

function rootName(type: Y.AbstractType<unknown>): string {
  for (const [name, root] of type.doc?.share ?? []) if (root === type) return name;
  // A root of another document: no name of ours.
  return '';
}
