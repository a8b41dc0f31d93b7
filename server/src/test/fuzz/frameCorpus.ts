import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { Random } from '../../../../shared/testing/seeds.js';
import { awarenessFrame, awarenessUpdate, syncStep1Frame, syncStep2Frame, updateFrame } from '../rawPeer.js';
import { appendParagraph } from '../yClient.js';
import { writeUpdate, type Content, type Parent, type Struct, type StructId } from './updateWriter.js';

/** What the fuzzer knows of the document it attacks (from an honest client's copy). */
export interface CorpusContext {
  /** Client ids in the document and their next clock (the honest editor's, the template's, …). */
  clients: { client: number; clock: number }[];
  /** The honest editor's client id: the favourite victim. */
  victim: number;
  /** Ids of items in the document, for parents and origins. */
  items: StructId[];
  /** The honest editor's state vector. */
  stateVector: Uint8Array;
  /** Largest message the server accepts (larger ones are sent now and then too). */
  maxMessageBytes: number;
}

export interface FuzzFrame {
  kind: string;
  data: Uint8Array | string;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const KINDS: [string, number, (r: Random, c: CorpusContext) => Uint8Array | string][] = [
  ['random bytes', 10, (r) => randomBytes(r, r.int(0, 256))],
  ['text frame', 2, (r) => String.fromCharCode(...randomBytes(r, r.int(0, 64)))],
  ['mutated frame', 18, (r, c) => mutate(r, validFrame(r, c))],
  ['huge varint', 8, hugeVarint],
  ['built update', 20, (r, c) => (r.chance(0.5) ? updateFrame : syncStep2Frame)(builtUpdate(r, c))],
  ['deep nesting', 6, deepNesting],
  ['foreign client id', 10, foreignClientId],
  ['awareness', 14, awareness],
  ['valid frame', 10, validFrame],
  ['sync step 1', 2, (r, c) => syncStep1Frame(r.chance(0.5) ? c.stateVector : Y.encodeStateVector(new Y.Doc()))],
];
const TOTAL = KINDS.reduce((sum, [, weight]) => sum + weight, 0);

/** One seeded frame of the corpus. Once in a while one larger than the server accepts. */
export function nextFrame(random: Random, ctx: CorpusContext): FuzzFrame {
  if (random.chance(0.0005)) return { kind: 'oversized', data: padTo(updateFrame(builtUpdate(random, ctx)), ctx.maxMessageBytes + 1) };
  let roll = random.next() * TOTAL;
  for (const [kind, weight, make] of KINDS) {
    roll -= weight;
    if (roll < 0) return { kind, data: make(random, ctx) };
  }
  throw new Error('unreachable');
}

function randomBytes(random: Random, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = random.int(0, 255);
  return bytes;
}

function padTo(frame: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  out.set(frame);
  return out;
}

/** Frames an honest client could send: edits, sync, presence. */
function validFrame(random: Random, ctx: CorpusContext): Uint8Array {
  switch (random.int(0, 4)) {
    case 0: {
      const doc = new Y.Doc();
      appendParagraph(doc, `fuzz ${random.int(0, 1e9)} نص`, random.pick(['rtl', 'ltr', undefined] as const));
      const update = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      return (random.chance(0.5) ? updateFrame : syncStep2Frame)(update);
    }
    case 1:
      return syncStep1Frame(ctx.stateVector);
    case 2:
      return awarenessFrame(awarenessUpdate(random.int(1, 2 ** 32 - 1), random.int(1, 50), JSON.stringify(validState(random, ctx))));
    case 3:
      return new Uint8Array([3]);
    default:
      return syncStep2Frame(Y.encodeStateAsUpdate(new Y.Doc()));
  }
}

function mutate(random: Random, frame: Uint8Array | string): Uint8Array {
  let bytes: Uint8Array = typeof frame === 'string' ? new TextEncoder().encode(frame) : frame.slice();
  for (let n = random.int(1, 4); n > 0; n--) {
    const at = random.int(0, Math.max(0, bytes.length - 1));
    switch (random.int(0, 5)) {
      case 0:
        if (bytes.length > 0) bytes[at] = bytes[at]! ^ (1 << random.int(0, 7));
        break;
      case 1:
        if (bytes.length > 0) bytes[at] = random.int(0, 255);
        break;
      case 2:
        bytes = concat(bytes.subarray(0, at), new Uint8Array([random.int(0, 255)]), bytes.subarray(at));
        break;
      case 3:
        bytes = concat(bytes.subarray(0, at), bytes.subarray(at + 1));
        break;
      case 4:
        bytes = bytes.subarray(0, at);
        break;
      default:
        bytes = concat(bytes, bytes.subarray(at, at + random.int(1, 16)));
    }
  }
  return bytes;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function varUint(n: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, n);
  return encoding.toUint8Array(e);
}

/** Length prefixes, counts, client ids and clocks far beyond what the frame holds. */
function hugeVarint(random: Random, ctx: CorpusContext): Uint8Array {
  const huge = random.pick([2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 40, MAX_SAFE]);
  switch (random.int(0, 6)) {
    case 0:
      return concat(new Uint8Array([0, random.int(0, 2)]), varUint(huge), randomBytes(random, 8));
    case 1:
      return concat(new Uint8Array([1]), varUint(huge), randomBytes(random, 8));
    case 2:
      // An update claiming a huge number of clients / structs.
      return updateFrame(concat(varUint(huge), varUint(huge), randomBytes(random, 8)));
    case 3:
      return updateFrame(writeUpdate([{ client: huge, clock: random.pick([0, huge]), structs: [{ content: { ref: 4, text: 'x' } }] }]));
    case 4:
      return updateFrame(writeUpdate([{ client: random.int(1, 2 ** 32 - 1), clock: 0, structs: [random.pick([{ gc: huge }, { skip: huge }, { content: { ref: 1, deleted: huge } }])] }]));
    case 5:
      return updateFrame(writeUpdate([], [{ client: random.pick([ctx.victim, huge]), ranges: [[random.pick([0, huge]), huge]] }]));
    default:
      return awarenessFrame(concat(varUint(random.pick([1, huge])), varUint(huge), varUint(huge), varUint(huge)));
  }
}

function someId(random: Random, ctx: CorpusContext): StructId {
  if (ctx.items.length > 0 && random.chance(0.6)) return random.pick(ctx.items);
  if (random.chance(0.5)) {
    const { client, clock } = random.pick(ctx.clients);
    return { client, clock: clock + random.int(0, 3) };
  }
  return { client: random.int(0, 2 ** 32 - 1), clock: random.int(0, 1000) };
}

function someContent(random: Random): Content {
  const anyValue = () => random.pick<unknown>([null, true, 42, -1.5, 'نص', { a: [1, 'b'] }, [], new Uint8Array([1, 2]), 2 ** 60]);
  switch (random.int(1, 11)) {
    case 1:
      return { ref: 1, deleted: random.int(1, 5) };
    case 2:
      return { ref: 2, json: [anyValue(), undefined] };
    case 3:
      return { ref: 3, binary: randomBytes(random, random.int(0, 8)) };
    case 4:
      return { ref: 4, text: random.pick(['a', 'نص عربي', '\u0000\uffff', '😀', '\ud800']) };
    case 5:
      return { ref: 5, embed: { image: 'x' } };
    case 6:
      return { ref: 6, key: random.pick(['bold', 'italic', 'link', 'x'.repeat(100)]), value: random.pick([true, null, { href: 'javascript:alert(1)' }]) };
    case 7:
      return { ref: 7, type: random.int(0, 8), name: random.pick(['paragraph', 'heading', 'actionItem', 'script', '', 'x'.repeat(300)]) };
    case 8:
      return { ref: 8, any: [anyValue(), anyValue()] };
    case 9:
      return { ref: 9, guid: random.pick(['', 'sub', 'x'.repeat(100)]), opts: random.pick([{}, { autoLoad: true }, { gc: false }]) };
    default:
      return { ref: random.pick([0, 10, 11, 17, 31]), raw: randomBytes(random, random.int(0, 6)) };
  }
}

function someParent(random: Random, ctx: CorpusContext): Parent {
  if (random.chance(0.5)) return { root: random.pick(['default', 'default', '', 'other', 'x'.repeat(50), '__proto__']) };
  return { item: someId(random, ctx) };
}

/** An update built struct by struct: every content type, parents and origins anywhere. */
function builtUpdate(random: Random, ctx: CorpusContext): Uint8Array {
  const clients = Array.from({ length: random.int(1, 3) }, () => {
    const known = random.chance(0.3) ? random.pick(ctx.clients) : undefined;
    const client = known?.client ?? random.int(0, 2 ** 32 - 1);
    const clock = known ? random.pick([known.clock, known.clock + 1, 0]) : random.pick([0, 0, 0, random.int(1, 100)]);
    const structs: Struct[] = Array.from({ length: random.int(1, 5) }, () => {
      if (random.chance(0.05)) return { gc: random.int(1, 4) };
      if (random.chance(0.05)) return { skip: random.int(1, 4) };
      const struct: Struct = { content: someContent(random) };
      if (random.chance(0.4)) struct.origin = someId(random, ctx);
      if (random.chance(0.3)) struct.rightOrigin = someId(random, ctx);
      if (random.chance(0.7)) struct.parent = someParent(random, ctx);
      if (random.chance(0.2)) struct.parentSub = random.pick(['dir', 'status', 'id', '']);
      return struct;
    });
    return { client, clock, structs };
  });
  const deletions = random.chance(0.3) ? [{ client: someId(random, ctx).client, ranges: [[random.int(0, 50), random.int(1, 20)] as [number, number]] }] : [];
  return writeUpdate(clients, deletions);
}

/** Nesting that recursion-based code chokes on: presence JSON, `any` content, XML elements. */
function deepNesting(random: Random): Uint8Array {
  const depth = random.pick([10, 100, 1000, 5000, 50_000]);
  switch (random.int(0, 2)) {
    case 0:
      return awarenessFrame(awarenessUpdate(random.int(1, 2 ** 32 - 1), 1, '{"user":'.repeat(Math.min(depth, 20_000)) + '1' + '}'.repeat(Math.min(depth, 20_000))));
    case 1: {
      // ContentAny: 117 = array (length, items), 127 = undefined.
      const raw = concat(...Array.from({ length: depth }, () => new Uint8Array([117, 1])), new Uint8Array([127]));
      return updateFrame(writeUpdate([{ client: random.int(1, 2 ** 32 - 1), clock: 0, structs: [{ content: { ref: 8, raw: concat(varUint(1), raw) } }] }]));
    }
    default: {
      // XML elements each inside the previous one.
      const client = random.int(1, 2 ** 32 - 1);
      const n = Math.min(depth, 20_000);
      const structs: Struct[] = Array.from({ length: n }, (_, i) => ({
        parent: i === 0 ? { root: 'default' } : { item: { client, clock: i - 1 } },
        content: { ref: 7, type: 3, name: random.pick(['paragraph', 'bulletList', 'listItem']) },
      }));
      return updateFrame(writeUpdate([{ client, clock: 0, structs }]));
    }
  }
}

/** Structs and deletions under client ids someone else writes under. */
function foreignClientId(random: Random, ctx: CorpusContext): Uint8Array {
  const target = random.chance(0.6) ? ctx.clients.find((c) => c.client === ctx.victim) ?? random.pick(ctx.clients) : random.pick(ctx.clients);
  if (random.chance(0.3)) {
    return updateFrame(writeUpdate([], [{ client: target.client, ranges: [[target.clock + random.int(0, 5), random.int(1, 100)]] }]));
  }
  const structs: Struct[] = [{ content: { ref: 7, type: 3, name: 'paragraph' } }, { parent: { item: { client: target.client, clock: target.clock } }, content: { ref: 7, type: 6 } }];
  return (random.chance(0.5) ? updateFrame : syncStep2Frame)(writeUpdate([{ client: target.client, clock: target.clock, structs }]));
}

function validState(random: Random, ctx: CorpusContext): object {
  const pos = () => ({ type: random.pick(ctx.items.length ? ctx.items : [null]), tname: null, item: null, assoc: random.pick([0, -1]) });
  return { user: { name: random.pick(['سارة', 'John', '']), color: random.pick(['#1a5fb4', '#b3261e']) }, cursor: random.chance(0.5) ? { anchor: pos(), head: pos() } : null };
}

function awareness(random: Random, ctx: CorpusContext): Uint8Array {
  const id = random.pick([random.int(1, 2 ** 32 - 1), ctx.victim, random.pick(ctx.clients).client]);
  const clock = random.pick([1, 2, 1000, MAX_SAFE]);
  const json = random.pick([
    () => JSON.stringify(validState(random, ctx)),
    () => 'null',
    () => JSON.stringify({ user: { name: 'x'.repeat(5000), color: '#000' } }),
    () => JSON.stringify({ user: { name: '<img src=x onerror=alert(1)>', color: 'red' } }),
    () => JSON.stringify({ cursor: { anchor: 1, head: 2 } }),
    () => JSON.stringify({ extra: true }),
    () => '[1,2,3]',
    () => '{"user":',
    () => '"' + 'a'.repeat(random.int(0, 10_000)) + '"',
  ])();
  if (random.chance(0.1)) {
    const e = encoding.createEncoder();
    const n = random.int(2, 12);
    encoding.writeVarUint(e, n);
    for (let i = 0; i < n; i++) {
      encoding.writeVarUint(e, random.int(1, 2 ** 32 - 1));
      encoding.writeVarUint(e, 1);
      encoding.writeVarString(e, JSON.stringify(validState(random, ctx)));
    }
    return awarenessFrame(encoding.toUint8Array(e));
  }
  if (random.chance(0.05)) return awarenessFrame(concat(varUint(1), varUint(id), varUint(clock), varUint(3), new Uint8Array([0xff, 0xfe, 0x80])));
  return awarenessFrame(awarenessUpdate(id, clock, json));
}
