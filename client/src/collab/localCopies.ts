/**
 * The copies of meetings' minutes kept in this browser's IndexedDB (see `localCopy.ts`), so that
 * edits made offline survive closing the tab: naming, the record of which copies hold changes
 * the server has not confirmed, and deleting them (sign-out, refused access).
 *
 * No Yjs here: the sign-out code imports this module, and Yjs stays in the editor's chunk.
 */

/** Every local copy's IndexedDB database is named `mahdar:<userId>:<meetingId>`. */
const DATABASE_PREFIX = 'mahdar:';
/** localStorage key of a user's index, `{ [meetingId]: pendingConnectionIds[] }`. */
const INDEX_PREFIX = 'mahdar.localCopies.';

/** How long a deletion may wait for another tab to let go of the database. */
const DELETE_TIMEOUT_MS = 3_000;

export function localCopyName(userId: string, meetingId: string): string {
  return `${DATABASE_PREFIX}${userId}:${meetingId}`;
}

/** The prefix of every local copy of this user (the `:` keeps `u1` from matching `u10`). */
export function localCopyPrefix(userId: string): string {
  return `${DATABASE_PREFIX}${userId}:`;
}

export function isLocalCopyOf(userId: string, databaseName: string): boolean {
  return databaseName.startsWith(localCopyPrefix(userId)) && databaseName.length > localCopyPrefix(userId).length;
}

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** `window.localStorage` where it is usable, else a map that lasts as long as the page. */
function defaultStorage(): KeyValueStorage {
  try {
    const storage = globalThis.localStorage;
    if (storage) return storage;
  } catch {
    // Storage disabled by the browser.
  }
  return memoryStorage();
}

export function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

type IndexData = Record<string, string[]>;

/**
 * Which meetings of one user have a local copy, and for each the ids of the editor connections
 * (one per tab and visit) that made changes the server has not confirmed yet. Kept in
 * localStorage because it must be written synchronously, before a tab can be closed, and be read
 * at sign-out without opening every database.
 *
 * A connection adds its id on each local edit and removes it once the server confirmed
 * everything it sent ("saved"); a connection that loaded the copy also removes the ids it found
 * there at load time (their edits were in the copy, so its first sync sent them).
 */
export class LocalCopyIndex {
  private readonly key: string;

  constructor(
    readonly userId: string,
    private readonly storage: KeyValueStorage = defaultStorage(),
  ) {
    this.key = INDEX_PREFIX + userId;
  }

  private read(): IndexData {
    let raw: string | null = null;
    try {
      raw = this.storage.getItem(this.key);
    } catch {
      return {};
    }
    if (!raw) return {};
    try {
      const parsed: unknown = JSON.parse(raw);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
      const data: IndexData = {};
      for (const [meetingId, ids] of Object.entries(parsed)) {
        data[meetingId] = Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
      }
      return data;
    } catch {
      return {};
    }
  }

  private write(data: IndexData): void {
    try {
      if (Object.keys(data).length === 0) this.storage.removeItem(this.key);
      else this.storage.setItem(this.key, JSON.stringify(data));
    } catch {
      // Quota or disabled storage: sign-out falls back on `indexedDB.databases()`.
    }
  }

  /** Meetings with a local copy. */
  meetings(): string[] {
    return Object.keys(this.read());
  }

  /** A local copy of this meeting exists (or is being created). */
  add(meetingId: string): void {
    const data = this.read();
    if (data[meetingId]) return;
    data[meetingId] = [];
    this.write(data);
  }

  /** Connections whose changes to this meeting the server has not confirmed. */
  pending(meetingId: string): string[] {
    return this.read()[meetingId] ?? [];
  }

  /** `connectionId` made a change the server has not confirmed yet. */
  markPending(meetingId: string, connectionId: string): void {
    const data = this.read();
    const ids = data[meetingId] ?? [];
    if (ids.includes(connectionId)) return;
    data[meetingId] = [...ids, connectionId];
    this.write(data);
  }

  /** The server confirmed the changes of these connections. Never creates an entry. */
  clearPending(meetingId: string, connectionIds: readonly string[]): void {
    const data = this.read();
    const ids = data[meetingId];
    if (!ids) return;
    const left = ids.filter((id) => !connectionIds.includes(id));
    if (left.length === ids.length) return;
    data[meetingId] = left;
    this.write(data);
  }

  /** The meeting's copy was deleted. */
  forget(meetingId: string): void {
    const data = this.read();
    if (!(meetingId in data)) return;
    delete data[meetingId];
    this.write(data);
  }

  /** Every copy was deleted. */
  forgetAll(): void {
    this.write({});
  }

  /** Meetings whose local copy holds changes the server has not confirmed. */
  unsentMeetings(): string[] {
    return Object.entries(this.read())
      .filter(([, ids]) => ids.length > 0)
      .map(([meetingId]) => meetingId);
  }
}

/**
 * What signing out must do first: `confirm` when some local copy holds changes the server has
 * not confirmed (signing out deletes them), `leave` otherwise (the page's own checks apply).
 */
export function signOutDecision(index: LocalCopyIndex): 'confirm' | 'leave' {
  return index.unsentMeetings().length > 0 ? 'confirm' : 'leave';
}

function indexedDbFactory(): IDBFactory | null {
  try {
    return globalThis.indexedDB ?? null;
  } catch {
    return null;
  }
}

/**
 * Deletes one database. Resolves true once deleted, false on error or when it is still blocked
 * after `timeoutMs` by a connection that does not close (the deletion then completes when that
 * connection closes: the request stays queued).
 */
export function deleteDatabase(name: string, factory: IDBFactory | null = indexedDbFactory(), timeoutMs = DELETE_TIMEOUT_MS): Promise<boolean> {
  if (!factory) return Promise.resolve(false);
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.deleteDatabase(name);
    } catch {
      resolve(false);
      return;
    }
    const timer = setTimeout(() => resolve(false), timeoutMs);
    request.onsuccess = () => {
      clearTimeout(timer);
      resolve(true);
    };
    request.onerror = () => {
      clearTimeout(timer);
      resolve(false);
    };
  });
}

/** Names of this user's local copies: the index, and what the browser lists where it can. */
export async function localCopyNames(index: LocalCopyIndex, factory: IDBFactory | null = indexedDbFactory()): Promise<string[]> {
  const names = new Set(index.meetings().map((meetingId) => localCopyName(index.userId, meetingId)));
  if (factory && typeof factory.databases === 'function') {
    try {
      for (const { name } of await factory.databases()) {
        if (name && isLocalCopyOf(index.userId, name)) names.add(name);
      }
    } catch {
      // Not allowed here: the index alone.
    }
  }
  return [...names].sort();
}

/** Deletes one meeting's local copy (access refused for good, or read-only). */
export async function deleteLocalCopy(index: LocalCopyIndex, meetingId: string, factory: IDBFactory | null = indexedDbFactory()): Promise<boolean> {
  index.forget(meetingId);
  return deleteDatabase(localCopyName(index.userId, meetingId), factory);
}

/**
 * Deletes every local copy of this user (sign-out). Open copies in this and other tabs close
 * themselves when asked to (`versionchange`), so nothing blocks the deletion.
 */
export async function clearLocalCopies(index: LocalCopyIndex, factory: IDBFactory | null = indexedDbFactory()): Promise<string[]> {
  const names = await localCopyNames(index, factory);
  index.forgetAll();
  await Promise.all(names.map((name) => deleteDatabase(name, factory)));
  // Again: an editor still open while this ran may have marked an edit meanwhile.
  index.forgetAll();
  return names;
}
