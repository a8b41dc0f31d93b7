import * as Y from 'yjs';
import type { DocumentStore } from '../collab/documentStore.js';

export interface StoreFaults {
  /** Called before each append: true makes it reject (nothing is stored). */
  failAppend(): boolean;
  /** Resolves when the simulated I/O completes (lets other work interleave). */
  delay(): Promise<void>;
}

/**
 * The DocumentStore contract in memory, with injectable failures and delays, so the whole
 * collaboration core (pipeline, registry, locking) can be driven by a seeded random test.
 */
export class MemoryDocumentStore implements DocumentStore {
  private readonly logs = new Map<string, Uint8Array[]>();
  appends = 0;
  failures = 0;

  constructor(private readonly faults: StoreFaults) {}

  async load(meetingId: string): Promise<Uint8Array[]> {
    await this.faults.delay();
    return [...(this.logs.get(meetingId) ?? [])];
  }

  async append(meetingId: string, update: Uint8Array): Promise<void> {
    await this.faults.delay();
    if (this.faults.failAppend()) {
      this.failures++;
      throw new Error('simulated write failure');
    }
    this.appends++;
    this.logs.set(meetingId, [...(this.logs.get(meetingId) ?? []), update]);
  }

  async compact(meetingId: string): Promise<{ before: number; after: number }> {
    const rows = this.logs.get(meetingId) ?? [];
    const taken = rows.length;
    await this.faults.delay();
    if (taken < 2) return { before: taken, after: taken };
    const merged = replay(rows.slice(0, taken));
    // Appends that landed while merging stay after the merged row.
    const now = this.logs.get(meetingId) ?? [];
    this.logs.set(meetingId, [Y.encodeStateAsUpdate(merged), ...now.slice(taken)]);
    merged.destroy();
    return { before: taken, after: 1 + now.length - taken };
  }

  /** The document the stored log replays to (caller destroys it). */
  replay(meetingId: string): Y.Doc {
    return replay(this.logs.get(meetingId) ?? []);
  }
}

function replay(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  if (updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(updates));
  return doc;
}
