import * as Y from 'yjs';
import { containerOfType } from './containers.js';
import type { Problem } from './documentCheck.js';
import { itemProblem, typeName, type Container } from './itemRules.js';
import { minutesRules, type DocumentRules } from './schemaRules.js';

export type UpdateVerdict =
  /**
   * `unjudged`: items whose place depends on structs that are neither in the document nor in
   * the update. Yjs keeps them pending; they are judged when a later transaction integrates them
   * (`transactionProblem`).
   */
  | { ok: true; unjudged: number }
  | { ok: false; problem: Problem };

/** Where an item of the update will go, as Yjs will decide it; or that it will be garbage, or cannot be known yet. */
type Placement = { container: Container; parentSub: string | null } | 'gc' | 'missing';

/** One resolution step: a final placement, or the item whose placement this one follows. */
type Step = { done: Placement } | { via: Y.Item; as: 'sibling' | 'parent' };

/**
 * Checks a Yjs update against the rules BEFORE it is applied: nothing of an invalid update ever
 * enters the document. Each new item's parent type and map key are resolved the way Yjs
 * integrates it — an explicit parent (a root name or a type item), else those of its left
 * (else right) neighbour — looking in the document and in the update itself, and its content
 * is checked for that place. Items the document already has are skipped, as Yjs skips them.
 * Costs follow the size of the update; the document is only looked up.
 */
export function checkUpdate(doc: Y.Doc, update: Uint8Array, rules: DocumentRules = minutesRules(), v2 = false): UpdateVerdict {
  const { structs } = v2 ? Y.decodeUpdateV2(update) : Y.decodeUpdate(update);
  const resolver = new PlacementResolver(doc, structs, rules.maxDepth);
  let unjudged = 0;
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue;
    const placement = resolver.place(struct);
    if (placement === 'gc') continue;
    if (placement === 'missing') {
      unjudged++;
      continue;
    }
    const message = itemProblem(rules, placement.container, placement.parentSub, struct.content);
    if (message !== null) return { ok: false, problem: { message, client: struct.id.client, clock: struct.id.clock } };
  }
  return { ok: true, unjudged };
}

class PlacementResolver {
  private readonly byClient = new Map<number, Y.AbstractStruct[]>();
  private readonly placements = new Map<Y.Item, Placement>();

  constructor(
    private readonly doc: Y.Doc,
    structs: Y.AbstractStruct[],
    private readonly maxDepth: number,
  ) {
    for (const struct of structs) {
      const list = this.byClient.get(struct.id.client);
      if (list) list.push(struct);
      else this.byClient.set(struct.id.client, [struct]);
    }
    for (const list of this.byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
  }

  /** Follows the chain of neighbours and parents iteratively: updates can nest 10,000 deep. */
  place(item: Y.Item): Placement {
    const chain: { item: Y.Item; step: Extract<Step, { via: Y.Item }> }[] = [];
    const visiting = new Set<Y.Item>();
    let current = item;
    let placement: Placement;
    for (;;) {
      const known = this.placements.get(current);
      if (known !== undefined) {
        placement = known;
        break;
      }
      if (visiting.has(current)) {
        // Items waiting for each other never integrate.
        placement = 'missing';
        break;
      }
      visiting.add(current);
      const step = this.step(current);
      if ('done' in step) {
        placement = step.done;
        this.placements.set(current, placement);
        break;
      }
      chain.push({ item: current, step });
      current = step.via;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const { item: link, step } = chain[i]!;
      placement = derive(link, step, placement, this.maxDepth);
      this.placements.set(link, placement);
    }
    return placement;
  }

  private step(item: Y.Item): Step {
    if (item.origin !== null || item.rightOrigin !== null) {
      // Yjs: missing neighbours make the item wait; a garbage neighbour makes it garbage;
      // otherwise it goes where its left (else right) neighbour is.
      const sides = [item.origin, item.rightOrigin].filter((id): id is Y.ID => id !== null).map((id) => this.lookup(id));
      if (sides.some((s) => s === null || s.struct instanceof Y.Skip)) return { done: 'missing' };
      if (sides.some((s) => s!.struct instanceof Y.GC)) return { done: 'gc' };
      const side = sides[0]!;
      const neighbour = side.struct as Y.Item;
      return side.inDoc ? { done: placementOfIntegrated(neighbour, this.maxDepth) } : { via: neighbour, as: 'sibling' };
    }
    if (typeof item.parent === 'string') return { done: { container: { kind: 'root', name: item.parent }, parentSub: item.parentSub } };
    if (!(item.parent instanceof Y.ID)) return { done: 'gc' };
    const found = this.lookup(item.parent);
    if (found === null || found.struct instanceof Y.Skip) return { done: 'missing' };
    const parent = found.struct;
    // A parent that is garbage, or an item that holds no type, leaves the item garbage.
    if (!(parent instanceof Y.Item) || !(parent.content instanceof Y.ContentType)) return { done: 'gc' };
    if (found.inDoc) return { done: { container: containerOfType(parent.content.type, this.maxDepth), parentSub: item.parentSub } };
    return { via: parent, as: 'parent' };
  }

  /** The struct with this id: the document's if it has that clock, else the update's. */
  private lookup(id: Y.ID): { struct: Y.AbstractStruct; inDoc: boolean } | null {
    if (id.clock < Y.getState(this.doc.store, id.client)) return { struct: Y.getItem(this.doc.store, id), inDoc: true };
    const list = this.byClient.get(id.client);
    if (!list) return null;
    let low = 0;
    let high = list.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const struct = list[mid]!;
      if (id.clock < struct.id.clock) high = mid - 1;
      else if (id.clock >= struct.id.clock + struct.length) low = mid + 1;
      else return { struct, inDoc: false };
    }
    return null;
  }
}

function placementOfIntegrated(item: Y.Item, maxDepth: number): Placement {
  const parent = item.parent;
  if (!(parent instanceof Y.AbstractType)) return 'gc';
  return { container: containerOfType(parent, maxDepth), parentSub: item.parentSub };
}

/** The placement of `item` from that of the item it follows. */
function derive(item: Y.Item, step: { via: Y.Item; as: 'sibling' | 'parent' }, of: Placement, maxDepth: number): Placement {
  if (of === 'gc' || of === 'missing') return of;
  if (step.as === 'sibling') return of;
  const type = (step.via.content as Y.ContentType).type;
  return { container: containerOfNewType(type, of.container, maxDepth), parentSub: item.parentSub };
}

/** The container a type of the update is for its items, from where the type itself goes. */
function containerOfNewType(type: Y.AbstractType<unknown>, where: Container, maxDepth: number): Container {
  const depth = Math.min((where.kind === 'element' || where.kind === 'text' ? where.depth : 0) + 1, maxDepth + 1);
  if (type.constructor === Y.XmlElement) return { kind: 'element', name: (type as Y.XmlElement).nodeName, depth };
  if (type.constructor === Y.XmlText) return { kind: 'text', block: where.kind === 'element' ? where.name : null, depth };
  return { kind: 'other', what: typeName(type) };
}
