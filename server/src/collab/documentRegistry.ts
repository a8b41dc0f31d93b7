import type { Logger } from '../logger.js';
import type { DocumentStore } from './documentStore.js';
import { LiveDocument, type PeerGuards } from './liveDocument.js';

/**
 * The right to use a loaded document until `release()`. A lease belongs to the registry entry it
 * was taken from: releasing it can only ever let THAT document go, never a replacement loaded
 * for the same meeting after a failure. `release()` is idempotent.
 */
export interface DocumentLease {
  readonly doc: LiveDocument;
  release(): void;
}

interface Entry {
  readonly meetingId: string;
  readonly loading: Promise<LiveDocument>;
  /** Set once loaded. */
  doc?: LiveDocument;
  /** Leases not yet released. */
  users: number;
  unloadTimer?: NodeJS.Timeout;
}

export interface RegistryOptions {
  store: DocumentStore;
  log: Logger;
  /** How long an unused document stays in memory (ms). */
  idleUnloadMs: number;
  /** Whether a meeting's minutes are locked (approved) when its document is loaded. */
  lockedAtLoad?: (meetingId: string) => Promise<boolean>;
  /** Client-id owners and per-peer limits of every document. */
  guards?: PeerGuards;
  /** True while notices of other server processes' commits may be missed (see LogFollower). */
  stale?: () => boolean;
}

/**
 * Loaded documents, one per meeting. Concurrent openers share one load; a document with no
 * leases is dropped after `idleUnloadMs` (it holds nothing uncommitted by then, so unloading is
 * just forgetting). A failed load is not cached, and a document whose commit failed is
 * forgotten at once: the next opener loads a fresh copy from the store, while leases on the old
 * one stay bound to it until their holders let go.
 */
export class DocumentRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly loadedListeners: ((doc: LiveDocument) => void)[] = [];
  private readonly unloadedListeners: ((meetingId: string) => void)[] = [];
  private readonly unloadingListeners: ((meetingId: string) => Promise<void>)[] = [];

  constructor(private readonly options: RegistryOptions) {}

  async acquire(meetingId: string): Promise<DocumentLease> {
    const entry = this.entries.get(meetingId) ?? this.load(meetingId);
    entry.users++;
    clearTimeout(entry.unloadTimer);
    let doc: LiveDocument;
    try {
      doc = await entry.loading;
    } catch (error) {
      entry.users--;
      throw error;
    }
    let released = false;
    return {
      doc,
      release: () => {
        if (released) return;
        released = true;
        this.release(entry);
      },
    };
  }

  /** Called once for every document loaded (projections etc.). */
  onLoaded(listener: (doc: LiveDocument) => void): void {
    this.loadedListeners.push(listener);
  }

  /**
   * Awaited before an unused document is dropped from memory: work scheduled for it (a
   * projection) runs now, on the document in memory, rather than loading it again afterwards.
   */
  onUnloading(listener: (meetingId: string) => Promise<void>): void {
    this.unloadingListeners.push(listener);
  }

  /**
   * Called when an unused document is dropped from memory: state kept per meeting beside it
   * goes too, or a server that has served many meetings would hold a little of each forever.
   */
  onUnloaded(listener: (meetingId: string) => void): void {
    this.unloadedListeners.push(listener);
  }

  /** Runs `fn` with the live document, loading it if nobody has it open. */
  async with<T>(meetingId: string, fn: (doc: LiveDocument) => Promise<T> | T): Promise<T> {
    const lease = await this.acquire(meetingId);
    try {
      return await fn(lease.doc);
    } finally {
      lease.release();
    }
  }

  /** Currently loaded documents (for shutdown, membership revocation and tests). */
  async loaded(): Promise<LiveDocument[]> {
    const docs = await Promise.allSettled([...this.entries.values()].map((e) => e.loading));
    return docs.flatMap((d) => (d.status === 'fulfilled' ? [d.value] : []));
  }

  /**
   * Runs `fn` on the meeting's document if this process has it loaded or loading (then once it
   * is loaded: a notice that came during the load may postdate what it read). Notices from
   * other server processes go through here, in the order they came.
   */
  ifOpen(meetingId: string, fn: (doc: LiveDocument) => void): void {
    const entry = this.entries.get(meetingId);
    if (entry?.doc) fn(entry.doc);
    else entry?.loading.then(fn, () => {});
  }

  /** The document currently serving a meeting, if loaded (tests and diagnostics). */
  current(meetingId: string): LiveDocument | undefined {
    return this.entries.get(meetingId)?.doc;
  }

  async closeAll(code: number, reason: string): Promise<void> {
    for (const doc of await this.loaded()) {
      await doc.flushed();
      doc.closeAll(code, reason);
    }
  }

  private load(meetingId: string): Entry {
    const { store, log, lockedAtLoad, guards, stale } = this.options;
    const loading = LiveDocument.load(meetingId, store, log, { ...guards, stale, locked: lockedAtLoad?.(meetingId) ?? false });
    const entry: Entry = { meetingId, loading, users: 0 };
    this.entries.set(meetingId, entry);
    const forget = () => {
      if (this.entries.get(meetingId) === entry) this.entries.delete(meetingId);
    };
    loading.then((doc) => {
      entry.doc = doc;
      doc.onFailed(forget);
      for (const listener of this.loadedListeners) listener(doc);
    }, forget);
    return entry;
  }

  private release(entry: Entry): void {
    entry.users--;
    if (entry.users > 0) return;
    clearTimeout(entry.unloadTimer);
    entry.unloadTimer = setTimeout(() => void this.unloadIfUnused(entry), this.options.idleUnloadMs);
    entry.unloadTimer.unref();
  }

  private async unloadIfUnused(entry: Entry): Promise<void> {
    if (entry.users > 0) return;
    const doc = await entry.loading;
    await doc.flushed();
    if (entry.users > 0) return;
    // Unloading runs unawaited from a timer: a listener's failure must neither end the process
    // (an unhandled rejection) nor keep the document in memory for good.
    const settled = await Promise.allSettled(this.unloadingListeners.map((listener) => listener(entry.meetingId)));
    for (const result of settled) {
      if (result.status === 'rejected') this.options.log.error('collab.before_unload_failed', { meetingId: entry.meetingId, error: String(result.reason) });
    }
    // The listeners' own use of the document set a new timer; whoever came meanwhile keeps it.
    if (entry.users > 0) return;
    clearTimeout(entry.unloadTimer);
    if (this.entries.get(entry.meetingId) !== entry) return;
    this.entries.delete(entry.meetingId);
    // A failed document was destroyed when it failed.
    if (!doc.isFailed) doc.doc.destroy();
    for (const listener of this.unloadedListeners) listener(entry.meetingId);
  }
}
