/**
 * A long uncompacted log is mostly one person typing: rows that each hold a few structs of one
 * client, whose clocks follow on from the previous row's, and delete nothing. Applying them one
 * update at a time costs Yjs a decoder, a struct map and a pending check per row (a 100,000-row
 * log: about 250 ms); `Y.mergeUpdates` joins them but costs more than it saves. This joins such a
 * run of rows into one update by copying bytes: each row is only scanned (where its structs end,
 * how many clocks they cover), never decoded into objects, and its structs are copied behind one
 * header. Yjs then reads the same structs in the same order, as if the client had sent them in
 * one message. Anything else (several clients in a row, a delete set, a clock that does not follow,
 * content this reader does not know) ends the run and is passed on as it was.
 *
 * The format read is Yjs's update v1 (`readClientsStructRefs`, `readItemContent`,
 * `readDeleteSet` in yjs 13.6): a row parsed here is one Yjs reads as the same structs.
 */

/** Rows joined into one update at most (larger gains nothing measurable). */
const MAX_RUN = 512;

const BIT6 = 32;
const BIT7 = 64;
const BIT8 = 128;
const BITS5 = 31;

/** Where a row's structs are and which clocks they cover, or null: not one simple run. */
interface RowShape {
  client: number;
  clock: number;
  /** Clock after the row's last struct. */
  end: number;
  structs: number;
  bodyStart: number;
  /** Exclusive: the delete set (one zero byte) follows. */
  bodyEnd: number;
}

class Reader {
  at = 0;
  constructor(readonly bytes: Uint8Array) {}

  /** lib0 `readVarUint`; throws past the end (caught: the row is then passed on as it was). */
  uint(): number {
    let num = 0;
    let mult = 1;
    for (;;) {
      const byte = this.bytes[this.at++];
      if (byte === undefined) throw new RangeError('past the end');
      num += (byte & 0x7f) * mult;
      if (byte < 0x80) return num;
      mult *= 128;
      if (mult > Number.MAX_SAFE_INTEGER) throw new RangeError('integer too large');
    }
  }

  /** Skips an item id: client, clock. */
  skipId(): void {
    this.uint();
    this.uint();
  }

  skip(n: number): void {
    this.at += n;
    if (this.at > this.bytes.length) throw new RangeError('past the end');
  }

  /** Skips a lib0 var string (or var byte array: the same layout). */
  skipString(): void {
    this.skip(this.uint());
  }

  /** Length in UTF-16 code units of the var string here (JavaScript's `length`, Yjs's clock length); null: not well-formed UTF-8. */
  stringLength(): number | null {
    const size = this.uint();
    const end = this.at + size;
    if (end > this.bytes.length) throw new RangeError('past the end');
    const b = this.bytes;
    let units = 0;
    let i = this.at;
    while (i < end) {
      const lead = b[i]!;
      let extra: number;
      let low = 0x80;
      let high = 0xbf;
      if (lead < 0x80) extra = 0;
      else if (lead >= 0xc2 && lead <= 0xdf) extra = 1;
      else if (lead >= 0xe0 && lead <= 0xef) {
        extra = 2;
        // No overlong forms, no UTF-16 surrogates (Unicode table 3-7).
        if (lead === 0xe0) low = 0xa0;
        if (lead === 0xed) high = 0x9f;
      } else if (lead >= 0xf0 && lead <= 0xf4) {
        extra = 3;
        if (lead === 0xf0) low = 0x90;
        if (lead === 0xf4) high = 0x8f;
      } else return null;
      for (let k = 1; k <= extra; k++) {
        if (i + k >= end) return null;
        const next = b[i + k]!;
        if (k === 1 ? next < low || next > high : next < 0x80 || next > 0xbf) return null;
      }
      units += extra === 3 ? 2 : 1;
      i += extra + 1;
    }
    this.at = end;
    return units;
  }

  /** Skips one lib0 `writeAny` value; false: a tag this reader does not know. */
  skipAny(): boolean {
    const tag = this.bytes[this.at++];
    switch (tag) {
      case 127: // undefined
      case 126: // null
      case 121: // false
      case 120: // true
        return true;
      case 125: // var int: same continuation bit as a var uint
        this.uint();
        return true;
      case 124:
        this.skip(4);
        return true;
      case 123:
      case 122:
        this.skip(8);
        return true;
      case 119:
      case 116:
        this.skipString();
        return true;
      case 118: {
        const n = this.uint();
        for (let i = 0; i < n; i++) {
          this.skipString();
          if (!this.skipAny()) return false;
        }
        return true;
      }
      case 117: {
        const n = this.uint();
        for (let i = 0; i < n; i++) if (!this.skipAny()) return false;
        return true;
      }
      default:
        return false;
    }
  }
}

/** Skips one item's content; its clock length, or null: content this reader does not join. */
function contentLength(r: Reader, info: number): number | null {
  switch (info & BITS5) {
    case 1: // deleted
      return r.uint();
    case 2: {
      // JSON
      const n = r.uint();
      for (let i = 0; i < n; i++) r.skipString();
      return n;
    }
    case 3: // binary
    case 5: // embed
      r.skipString();
      return 1;
    case 4: // string
      return r.stringLength();
    case 6: // format: key, value
      r.skipString();
      r.skipString();
      return 1;
    case 7: {
      // type: an XML element or hook carries its name
      const ref = r.uint();
      if (ref === 3 || ref === 5) r.skipString();
      else if (ref > 6) return null;
      return 1;
    }
    case 8: {
      // any
      const n = r.uint();
      for (let i = 0; i < n; i++) if (!r.skipAny()) return null;
      return n;
    }
    default:
      // 9: a subdocument, which minutes never hold.
      return null;
  }
}

function shapeOf(row: Uint8Array): RowShape | null {
  // An empty delete set is the only one that ends in a zero byte (lib0 writes no trailing zeros).
  if (row.length < 5 || row[row.length - 1] !== 0) return null;
  const r = new Reader(row);
  try {
    if (r.uint() !== 1) return null;
    const structs = r.uint();
    const client = r.uint();
    const clock = r.uint();
    const bodyStart = r.at;
    let end = clock;
    for (let i = 0; i < structs; i++) {
      const info = row[r.at++];
      if (info === undefined) return null;
      const ref = info & BITS5;
      if (ref === 0 || ref === 10) {
        // GC, skip
        end += r.uint();
        continue;
      }
      if (info & BIT8) r.skipId(); // origin
      if (info & BIT7) r.skipId(); // right origin
      if ((info & (BIT7 | BIT8)) === 0) {
        // parent: a root type's name, or an item's id; and the key in a map
        if (r.uint() === 1) r.skipString();
        else r.skipId();
        if (info & BIT6) r.skipString();
      }
      const length = contentLength(r, info);
      if (length === null) return null;
      end += length;
    }
    if (r.at !== row.length - 1) return null;
    return { client, clock, end, structs, bodyStart, bodyEnd: r.at };
  } catch {
    return null;
  }
}

function varUintSize(n: number): number {
  let size = 1;
  while (n >= 128) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
}

function writeVarUint(out: Uint8Array, at: number, n: number): number {
  while (n >= 128) {
    out[at++] = (n % 128) | 0x80;
    n = Math.floor(n / 128);
  }
  out[at++] = n;
  return at;
}

function join(rows: readonly Uint8Array[], shapes: readonly RowShape[]): Uint8Array {
  if (rows.length === 1) return rows[0]!;
  const first = shapes[0]!;
  const structs = shapes.reduce((sum, s) => sum + s.structs, 0);
  const body = shapes.reduce((sum, s) => sum + s.bodyEnd - s.bodyStart, 0);
  const out = new Uint8Array(1 + varUintSize(structs) + varUintSize(first.client) + varUintSize(first.clock) + body + 1);
  let at = writeVarUint(out, 0, 1);
  at = writeVarUint(out, at, structs);
  at = writeVarUint(out, at, first.client);
  at = writeVarUint(out, at, first.clock);
  for (const [i, s] of shapes.entries()) {
    out.set(rows[i]!.subarray(s.bodyStart, s.bodyEnd), at);
    at += s.bodyEnd - s.bodyStart;
  }
  out[at] = 0;
  return out;
}

/**
 * The rows, in order, with each run of one client's consecutive rows joined into one update;
 * applying the result in order gives the same document as applying the rows in order.
 */
export function joinLogRuns(rows: readonly Uint8Array[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let runRows: Uint8Array[] = [];
  let runShapes: RowShape[] = [];
  const close = () => {
    if (runRows.length > 0) out.push(join(runRows, runShapes));
    runRows = [];
    runShapes = [];
  };
  for (const row of rows) {
    const shape = shapeOf(row);
    if (!shape) {
      close();
      out.push(row);
      continue;
    }
    const last = runShapes[runShapes.length - 1];
    if (last && (last.client !== shape.client || last.end !== shape.clock || runRows.length >= MAX_RUN)) close();
    runRows.push(row);
    runShapes.push(shape);
  }
  close();
  return out;
}
