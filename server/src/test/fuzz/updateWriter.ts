import * as encoding from 'lib0/encoding';

/** An item id as Yjs writes it: (client, clock). */
export interface StructId {
  client: number;
  clock: number;
}

/** Where an item goes: a root type by name, or inside another item (which should be a type). */
export type Parent = { root: string } | { item: StructId };

export type Content =
  | { ref: 1; deleted: number }
  | { ref: 2; json: unknown[] }
  | { ref: 3; binary: Uint8Array }
  | { ref: 4; text: string }
  | { ref: 5; embed: unknown }
  | { ref: 6; key: string; value: unknown }
  /** 0 Array, 1 Map, 2 Text, 3 XmlElement, 4 XmlFragment, 5 XmlHook, 6 XmlText; name for 3 and 5. */
  | { ref: 7; type: number; name?: string }
  | { ref: 8; any: unknown[] }
  | { ref: 9; guid: string; opts: Record<string, unknown> }
  /** A content ref Yjs does not know, followed by raw bytes. */
  | { ref: number; raw: Uint8Array };

export type Struct =
  | { gc: number }
  | { skip: number }
  | { origin?: StructId; rightOrigin?: StructId; parent?: Parent; parentSub?: string; content: Content };

export interface ClientStructs {
  client: number;
  clock: number;
  structs: Struct[];
}

/**
 * Writes a Yjs update (format V1) exactly as described, whether or not it makes sense: the
 * fuzzer uses it for items with every content type, parents that do not exist or are not
 * types, foreign client ids, deletions of content that was never written, huge numbers.
 */
export function writeUpdate(clients: ClientStructs[], deletions: { client: number; ranges: [number, number][] }[] = []): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, clients.length);
  for (const { client, clock, structs } of clients) {
    encoding.writeVarUint(e, structs.length);
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, clock);
    for (const struct of structs) writeStruct(e, struct);
  }
  encoding.writeVarUint(e, deletions.length);
  for (const { client, ranges } of deletions) {
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, ranges.length);
    for (const [clock, len] of ranges) {
      encoding.writeVarUint(e, clock);
      encoding.writeVarUint(e, len);
    }
  }
  return encoding.toUint8Array(e);
}

function writeId(e: encoding.Encoder, id: StructId): void {
  encoding.writeVarUint(e, id.client);
  encoding.writeVarUint(e, id.clock);
}

function writeStruct(e: encoding.Encoder, struct: Struct): void {
  if ('gc' in struct) {
    encoding.writeUint8(e, 0);
    encoding.writeVarUint(e, struct.gc);
    return;
  }
  if ('skip' in struct) {
    encoding.writeUint8(e, 10);
    encoding.writeVarUint(e, struct.skip);
    return;
  }
  const { origin, rightOrigin, parent, parentSub, content } = struct;
  const info = (content.ref & 0x1f) | (origin ? 0x80 : 0) | (rightOrigin ? 0x40 : 0) | (parentSub !== undefined ? 0x20 : 0);
  encoding.writeUint8(e, info);
  if (origin) writeId(e, origin);
  if (rightOrigin) writeId(e, rightOrigin);
  if (!origin && !rightOrigin) {
    const where = parent ?? { root: 'default' };
    if ('root' in where) {
      encoding.writeVarUint(e, 1);
      encoding.writeVarString(e, where.root);
    } else {
      encoding.writeVarUint(e, 0);
      writeId(e, where.item);
    }
    if (parentSub !== undefined) encoding.writeVarString(e, parentSub);
  }
  writeContent(e, content);
}

function writeContent(e: encoding.Encoder, content: Content): void {
  if ('raw' in content) return encoding.writeUint8Array(e, content.raw);
  switch (content.ref) {
    case 1:
      return encoding.writeVarUint(e, content.deleted);
    case 2:
      encoding.writeVarUint(e, content.json.length);
      for (const value of content.json) encoding.writeVarString(e, value === undefined ? 'undefined' : JSON.stringify(value));
      return;
    case 3:
      return encoding.writeVarUint8Array(e, content.binary);
    case 4:
      return encoding.writeVarString(e, content.text);
    case 5:
      return encoding.writeVarString(e, JSON.stringify(content.embed));
    case 6:
      encoding.writeVarString(e, content.key);
      encoding.writeVarString(e, JSON.stringify(content.value));
      return;
    case 7:
      encoding.writeVarUint(e, content.type);
      if (content.type === 3 || content.type === 5) encoding.writeVarString(e, content.name ?? 'paragraph');
      return;
    case 8:
      encoding.writeVarUint(e, content.any.length);
      for (const value of content.any) encoding.writeAny(e, value as never);
      return;
    case 9:
      encoding.writeVarString(e, content.guid);
      encoding.writeAny(e, content.opts as never);
      return;
  }
}
