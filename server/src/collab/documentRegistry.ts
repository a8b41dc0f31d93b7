import type { Logger } from '../logger.js';
import { LiveDocument, type PeerGuards, type UpdateStore } from './liveDocument.js';

interface Entry {
  loading: Promise<LiveDocument>;
  users: number;
  unloadTimer?: NodeJS.Timeout;
}

export interface RegistryOptions {
  store: UpdateStore;
  log: Logger;
  /** How long an unused document stays in memory (ms). */
  idleUnloadMs: number;
  /** Client-id owners and per-peer limits of every document. */
  guards?: PeerGuards;
}

/**
 * Loaded documents, one per meeting. Concurrent openers share one load; a document with no
 * users is dropped after `idleUnloadMs` (it holds nothing uncommitted by then, so unloading
 * is just forgetting). A failed load is not cached: the next opener tries again.
 */
export class DocumentRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly loadedListeners: ((doc: LiveDocument) => void)[] = [];

  constructor(private readonly options: RegistryOptions) {}

  async acquire(meetingId: string): Promise<LiveDocument> {
    let entry = this.entries.get(meetingId);
    if (!entry) {
      const loading = LiveDocument.load(meetingId, this.options.store, this.options.log, this.options.guards);
      entry = { loading, users: 0 };
      this.entries.set(meetingId, entry);
      const created = entry;
      loading.then(
        (doc) => {
          doc.onFailed(() => {
            if (this.entries.get(meetingId) === created) this.entries.delete(meetingId);
          });
          for (const listener of this.loadedListeners) listener(doc);
        },
        () => {
          if (this.entries.get(meetingId) === created) this.entries.delete(meetingId);
        },
      );
    }
    entry.users++;
    clearTimeout(entry.unloadTimer);
    try {
      return await entry.loading;
    } catch (error) {
      entry.users--;
      throw error;
    }
  }

  /** Called once for every document loaded (projections etc.). */
  onLoaded(listener: (doc: LiveDocument) => void): void {
    this.loadedListeners.push(listener);
  }

  release(doc: LiveDocument): void {
    const entry = this.entries.get(doc.meetingId);
    if (!entry) return;
    entry.users--;
    if (entry.users > 0) return;
    clearTimeout(entry.unloadTimer);
    entry.unloadTimer = setTimeout(() => void this.unloadIfUnused(doc.meetingId, entry), this.options.idleUnloadMs);
    entry.unloadTimer.unref();
  }

  /** Runs `fn` with the live document, loading it if nobody has it open. */
  async with<T>(meetingId: string, fn: (doc: LiveDocument) => Promise<T> | T): Promise<T> {
    const doc = await this.acquire(meetingId);
    try {
      return await fn(doc);
    } finally {
      this.release(doc);
    }
  }

  /** Currently loaded documents (for shutdown, membership revocation and tests). */
  async loaded(): Promise<LiveDocument[]> {
    const docs = await Promise.allSettled([...this.entries.values()].map((e) => e.loading));
    return docs.flatMap((d) => (d.status === 'fulfilled' ? [d.value] : []));
  }

  private async unloadIfUnused(meetingId: string, entry: Entry): Promise<void> {
    if (this.entries.get(meetingId) !== entry || entry.users > 0) return;
    const doc = await entry.loading;
    await doc.flushed();
    if (entry.users > 0 || this.entries.get(meetingId) !== entry) return;
    this.entries.delete(meetingId);
    doc.doc.destroy();
  }

  async closeAll(code: number, reason: string): Promise<void> {
    for (const doc of await this.loaded()) {
      await doc.flushed();
      doc.closeAll(code, reason);
    }
  }
}
