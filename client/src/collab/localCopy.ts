import { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';

export interface LocalCopyOptions {
  /** Connect anyway if the copy has not loaded by then (a stuck or very slow IndexedDB). */
  loadTimeoutMs: number;
  /** Another tab (or sign-out) is deleting the database: the copy closed itself. */
  onClosedElsewhere: () => void;
}

/**
 * A Y.Doc's durable copy in this browser (y-indexeddb): every update of the doc, local or from
 * the server, is appended to the database `name`, and loading it applies them back.
 *
 * `loaded` resolves true once the stored updates are in the doc, false if IndexedDB is not
 * usable (or is still loading after `loadTimeoutMs`; a late load is merged like any update).
 */
export class LocalCopy {
  readonly loaded: Promise<boolean>;
  /** Resolves once the stored updates are in the doc, however late; never if IndexedDB failed. */
  readonly synced: Promise<void>;
  /** The transaction origin of the updates the copy applies to the doc (not the user's edits). */
  readonly origin: IndexeddbPersistence | null;
  private persistence: IndexeddbPersistence | null;
  private isSynced = false;

  constructor(
    readonly name: string,
    doc: Y.Doc,
    options: LocalCopyOptions,
  ) {
    let persistence: IndexeddbPersistence | null = null;
    try {
      if (globalThis.indexedDB) persistence = new IndexeddbPersistence(name, doc);
    } catch {
      persistence = null;
    }
    this.persistence = persistence;
    this.origin = persistence;
    if (!persistence) {
      this.loaded = Promise.resolve(false);
      this.synced = new Promise<void>(() => undefined);
      return;
    }
    this.synced = persistence.whenSynced.then(() => {
      this.isSynced = true;
    });
    this.loaded = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), options.loadTimeoutMs);
      void persistence.whenSynced.then(() => {
        clearTimeout(timer);
        resolve(true);
      });
      persistence._db.then(
        (db) => {
          // Sign-out (here or in another tab) deletes the database: let go of it at once rather
          // than block the deletion, and stop writing (a closed database throws on write).
          db.onversionchange = () => {
            db.close();
            if (this.persistence !== persistence) return;
            this.close();
            options.onClosedElsewhere();
          };
        },
        () => {
          clearTimeout(timer);
          this.close();
          resolve(false);
        },
      );
    });
  }

  /** True once loaded and while the doc's updates are written to the database. */
  get active(): boolean {
    return this.persistence !== null && this.isSynced;
  }

  /** Stops writing and closes the database; its content stays. */
  close(): void {
    const persistence = this.persistence;
    if (!persistence) return;
    this.persistence = null;
    persistence.destroy().catch(() => undefined);
  }

  /**
   * Stops writing and deletes the database. The deletion is requested at once (not after the
   * close): a copy opened again right after is then queued behind it rather than deleted by it.
   */
  discard(deleteDatabase: (name: string) => Promise<boolean>): Promise<boolean> {
    this.close();
    return deleteDatabase(this.name);
  }
}
