import * as Y from 'yjs';
import type { Compaction, DocumentStore, HeldRows, LogPosition } from '../collab/documentStore.js';

export interface StoreFaults {
  /** Called before each append: true makes it reject (nothing is stored). */
  failAppend(): boolean;
  /** Resolves when the simulated I/O completes (lets other work interleave). */
  delay(): Promise<void>;
}

interface Row {
  position: LogPosition;
  update: Uint8Array;
}

/**
 * The DocumentStore contract in memory, with injectable failures and delays, so the whole
 * collaboration core (pipeline, registry, locking) can be driven by a seeded random test.
 */
export class MemoryDocumentStore implements DocumentStore {
  private readonly logs = new Map<string, Row[]>();
  private lastPosition = 0;
  appends = 0;
  failures = 0;

  constructor(private readonly faults: StoreFaults) {}

  async load(meetingId: string): Promise<Uint8Array[]> {
    await this.faults.delay();
    return this.rows(meetingId).map((r) => r.update);
  }

  /** In parts of up to three rows, a delay before each: what a long log read in parts does. */
  async open(meetingId: string, apply: (updates: Uint8Array[]) => void): Promise<LogPosition> {
    await this.faults.delay();
    // One snapshot, as the Postgres store reads in one transaction.
    const rows = [...this.rows(meetingId)];
    for (let at = 0; at < rows.length; at += 3) {
      if (at > 0) await this.faults.delay();
      apply(rows.slice(at, at + 3).map((r) => r.update));
    }
    return Math.max(0, ...rows.map((r) => r.position));
  }

  async append(meetingId: string, update: Uint8Array): Promise<LogPosition> {
    await this.faults.delay();
    if (this.faults.failAppend()) {
      this.failures++;
      throw new Error('simulated write failure');
    }
    this.appends++;
    const position = ++this.lastPosition;
    this.logs.set(meetingId, [...this.rows(meetingId), { position, update }]);
    return position;
  }

  async after(meetingId: string, position: LogPosition, known: LogPosition[]): Promise<{ position: LogPosition; update: Uint8Array | null }[]> {
    await this.faults.delay();
    return this.rows(meetingId)
      .filter((r) => r.position > position)
      .sort((a, b) => a.position - b.position)
      .map((r) => ({ position: r.position, update: known.includes(r.position) ? null : r.update }));
  }

  async compact(meetingId: string, held?: HeldRows): Promise<Compaction> {
    if (held) {
      await this.faults.delay();
      const isHeld = (r: Row) => r.position <= held.upTo || held.also.includes(r.position);
      const rows = this.rows(meetingId);
      const before = rows.filter(isHeld).length;
      if (before >= 2) {
        // Rows appended meanwhile are not held: kept, as in Postgres.
        const row = ++this.lastPosition;
        this.logs.set(meetingId, [...rows.filter((r) => !isHeld(r)), { position: row, update: held.update }]);
        return { before, after: 1, fromMemory: true, row };
      }
    }
    const rows = this.rows(meetingId);
    const taken = rows.length;
    await this.faults.delay();
    if (taken < 2) return { before: taken, after: taken, fromMemory: false };
    const merged = replay(rows.slice(0, taken).map((r) => r.update));
    // Appends that landed while merging are kept; the merged row gets a new position, as in Postgres.
    const now = this.rows(meetingId);
    this.logs.set(meetingId, [{ position: ++this.lastPosition, update: Y.encodeStateAsUpdate(merged) }, ...now.slice(taken)]);
    merged.destroy();
    return { before: taken, after: 1 + now.length - taken, fromMemory: false };
  }

  /** The document the stored log replays to (caller destroys it). */
  replay(meetingId: string): Y.Doc {
    return replay(this.rows(meetingId).map((r) => r.update));
  }

  private rows(meetingId: string): Row[] {
    return this.logs.get(meetingId) ?? [];
  }
}

function replay(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  if (updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(updates));
  return doc;
}
