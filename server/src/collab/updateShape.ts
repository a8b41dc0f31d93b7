import * as Y from 'yjs';
import { MINUTES_FRAGMENT } from '../../../shared/editor/schema.js';

/** Deepest nesting of XML types (lists in lists…); recursive readers must stay far from their stack limit. */
export const MAX_NESTING = 100;
/** Deepest nesting inside an attribute or mark value. */
const MAX_VALUE_DEPTH = 16;
const MAX_NODE_NAME = 100;

/** Where an item lives: the list (or, with `sub`, the attribute map) of one type. */
interface Placement {
  /** Identifies the parent type: `root` or the id of the item holding it. */
  parent: string;
  kind: 'fragment' | 'element' | 'text' | 'other';
  /** Nesting of the parent type (the fragment is 0). */
  depth: number;
  sub: string | null;
}

type Struct = Y.Item | Y.GC | Y.Skip;
/** Not placeable now (it depends on content neither the doc nor the update has: Yjs keeps it pending), or GC'd. */
type Resolution = Placement | 'unknown' | 'gc';

export class ShapeError extends Error {}

/**
 * Checks that an update only adds content of the shape Mahdar's editor writes (y-tiptap over
 * the `default` XmlFragment): XML elements in the fragment, elements and texts in elements, strings
 * and formats in texts, plain values as element attributes, nesting within `MAX_NESTING`.
 * Anything else (a string straight in the fragment, an item inside a string, other root types,
 * left and right neighbours in different parents, embeds, sub-documents, binary or JSON
 * content) is refused before it is applied: Yjs would integrate it, and then every reader of
 * the minutes — the server's, and y-tiptap in every browser — throws on it.
 *
 * Content that depends on items neither the document nor the update has is not judged now:
 * Yjs keeps it pending, and it is checked again before it is retried (see WaitingContent).
 * Node names, attributes and which node may contain which are the shared schema's business.
 */
export function updateShapeProblem(structs: Struct[], doc: Y.Doc): string | null {
  try {
    checkShape(structs, doc);
    return null;
  } catch (error) {
    if (error instanceof ShapeError) return error.message;
    throw error;
  }
}

function checkShape(structs: Struct[], doc: Y.Doc): void {
  const byClient = new Map<number, Struct[]>();
  for (const struct of structs) {
    const list = byClient.get(struct.id.client) ?? [];
    list.push(struct);
    byClient.set(struct.id.client, list);
  }
  const inUpdate = new Set<Struct>(structs);
  const memo = new Map<Y.Item, Resolution>();
  // The document's copy first: Yjs skips re-sent structs and uses the one it has.
  const find = (id: Y.ID): Y.AbstractStruct | undefined => findInDoc(doc, id) ?? findIn(byClient.get(id.client), id.clock);

  /** Placement of an item of the update, following parents and neighbours without recursion. */
  const resolve = (start: Y.Item): Resolution => {
    const chain: Y.Item[] = [];
    let item = start;
    while (!memo.has(item)) {
      chain.push(item);
      if (chain.length > structs.length) throw new ShapeError('items that are their own ancestors');
      const step = nextStep(item, find);
      if (!(step instanceof Y.Item)) memo.set(item, step);
      else if (!inUpdate.has(step)) memo.set(item, derive(item, step, placementInDoc(step)));
      else item = step;
    }
    // Each item of the chain derives from the next one (the last from the one found resolved).
    for (let i = chain.length - 1; i >= 0; i--) {
      const current = chain[i]!;
      if (memo.has(current)) continue;
      const next = chain[i + 1] ?? item;
      memo.set(current, derive(current, next, memo.get(next)!));
    }
    return memo.get(start)!;
  };

  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    // Re-sent content the document has: Yjs skips it.
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue;
    const placement = resolve(struct);
    if (typeof placement !== 'object') continue;
    if (struct.origin && struct.rightOrigin) {
      const right = find(struct.rightOrigin);
      const other = right instanceof Y.Item ? (inUpdate.has(right) ? resolve(right) : placementInDoc(right)) : 'unknown';
      if (typeof other === 'object' && (other.parent !== placement.parent || other.sub !== placement.sub)) {
        throw new ShapeError('left and right neighbours in different places');
      }
    }
    checkContent(struct, placement);
  }
}

/**
 * An item's placement from what it derives from: inside `step` (its explicit parent, an item
 * holding a type) or next to it (a neighbour: same parent, same attribute key, as Yjs copies).
 */
function derive(item: Y.Item, step: Y.Item, stepAt: Resolution): Resolution {
  if (typeof stepAt !== 'object' || !usesParent(item)) return stepAt;
  const type = (step.content as Y.ContentType).type;
  return { parent: idKey(step.id), kind: kindOf(type), depth: stepAt.depth + 1, sub: item.parentSub };
}

function checkContent(item: Y.Item, at: Placement): void {
  const content = item.content;
  if (content instanceof Y.ContentDeleted) return;
  if (at.kind === 'other') throw new ShapeError('content outside the minutes');
  if (at.sub !== null) {
    if (at.kind !== 'element' && at.kind !== 'text') throw new ShapeError('attributes on the minutes root');
    if (!(content instanceof Y.ContentAny)) throw new ShapeError(`an attribute holding ${content.constructor.name}`);
    for (const value of content.arr) checkValue(value);
    return;
  }
  if (at.kind === 'text') {
    if (content instanceof Y.ContentString) return;
    if (content instanceof Y.ContentFormat) return checkValue(content.value);
    throw new ShapeError(`${content instanceof Y.ContentType ? content.type.constructor.name : content.constructor.name} inside a text`);
  }
  const allowed = content instanceof Y.ContentType && (content.type instanceof Y.XmlElement || (content.type instanceof Y.XmlText && at.kind === 'element'));
  if (!allowed) {
    const what = content instanceof Y.ContentType ? content.type.constructor.name : content.constructor.name;
    throw new ShapeError(`${what} inside ${at.kind === 'fragment' ? 'the minutes root' : 'an XML element'}`);
  }
  if (at.depth + 1 > MAX_NESTING) throw new ShapeError(`nested deeper than ${MAX_NESTING}`);
  if (content.type instanceof Y.XmlElement) {
    const name = content.type.nodeName;
    if (name.length === 0 || name.length > MAX_NODE_NAME) throw new ShapeError('an element name of that length');
  }
}

/** Depth of a JSON-like value, iteratively. */
function checkValue(value: unknown): void {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object' || current instanceof Uint8Array) continue;
    if (depth >= MAX_VALUE_DEPTH) throw new ShapeError(`a value nested deeper than ${MAX_VALUE_DEPTH}`);
    for (const inner of Object.values(current)) stack.push([inner, depth + 1]);
  }
}

/** True when the item's placement is inside its explicit parent (no neighbours written). */
function usesParent(item: Y.Item): boolean {
  return !item.origin && !item.rightOrigin;
}

/** What an item's placement derives from: its parent item or its left (else right) neighbour. */
function nextStep(item: Y.Item, find: (id: Y.ID) => Y.AbstractStruct | undefined): Y.Item | Resolution {
  if (usesParent(item)) {
    const parent = item.parent as unknown;
    if (typeof parent === 'string') {
      if (parent !== MINUTES_FRAGMENT) throw new ShapeError(`a root type other than "${MINUTES_FRAGMENT}"`);
      return { parent: `root:${parent}`, kind: 'fragment', depth: 0, sub: item.parentSub };
    }
    if (!(parent instanceof Y.ID)) throw new ShapeError('an item without a parent');
    const found = find(parent);
    if (found === undefined) return 'unknown';
    if (!(found instanceof Y.Item)) return 'gc';
    if (!(found.content instanceof Y.ContentType)) throw new ShapeError(`an item inside ${found.content.constructor.name}`);
    return found;
  }
  const neighbour = find((item.origin ?? item.rightOrigin)!);
  if (neighbour === undefined) return 'unknown';
  if (!(neighbour instanceof Y.Item)) return 'gc';
  return neighbour;
}

/** Placement of an item already in the document (from the type it was integrated into). */
function placementInDoc(item: Y.Item): Resolution {
  const type = item.parent as Y.AbstractType<unknown> | null;
  if (!type) return 'gc';
  if (type._item === null) {
    const key = Y.findRootTypeKey(type);
    return { parent: `root:${key}`, kind: key === MINUTES_FRAGMENT ? 'fragment' : 'other', depth: 0, sub: item.parentSub };
  }
  let depth = 0;
  for (let t: Y.AbstractType<unknown> = type; t._item !== null && depth <= MAX_NESTING; t = t._item.parent as Y.AbstractType<unknown>) depth++;
  return { parent: idKey(type._item.id), kind: kindOf(type), depth, sub: item.parentSub };
}

function kindOf(type: Y.AbstractType<unknown>): Placement['kind'] {
  if (type instanceof Y.XmlText) return 'text';
  if (type instanceof Y.XmlElement) return 'element';
  return 'other';
}

function idKey(id: Y.ID): string {
  return `${id.client}:${id.clock}`;
}

function findIn(structs: Struct[] | undefined, clock: number): Struct | undefined {
  if (!structs) return undefined;
  let low = 0;
  let high = structs.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const s = structs[mid]!;
    if (clock < s.id.clock) high = mid - 1;
    else if (clock >= s.id.clock + s.length) low = mid + 1;
    else return s instanceof Y.Skip ? undefined : s;
  }
  return undefined;
}

function findInDoc(doc: Y.Doc, id: Y.ID): Y.AbstractStruct | undefined {
  const structs = doc.store.clients.get(id.client);
  if (!structs || id.clock >= Y.getState(doc.store, id.client)) return undefined;
  return structs[Y.findIndexSS(structs, id.clock)];
}
