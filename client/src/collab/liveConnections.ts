/**
 * Which editor connections are open in some tab of this browser. The local-copy index names the
 * connections whose changes the server has not confirmed; a connection that loads the copy takes
 * over the names it finds there, but only of connections that are gone: a tab still open may
 * have made changes since the copy was read (the copy does not follow other tabs), and clearing
 * its name would let sign-out delete them without asking.
 *
 * In browsers through the Web Locks API: a lock per connection, released by the browser when
 * its tab closes or crashes.
 */
export interface LiveConnections {
  /** Marks `id` live until the returned function is called. */
  hold(id: string): () => void;
  /** The ids live now, or undefined when this browser cannot tell (then every name is taken over). */
  live(): Promise<ReadonlySet<string> | undefined>;
}

const LOCK_PREFIX = 'mahdar.connection.';

type Locks = Pick<LockManager, 'request' | 'query'>;

function browserLocks(): Locks | undefined {
  try {
    return globalThis.navigator?.locks;
  } catch {
    return undefined;
  }
}

export function webLocksLiveConnections(locks: Locks | undefined = browserLocks()): LiveConnections {
  return {
    hold(id) {
      if (!locks) return () => {};
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      locks.request(LOCK_PREFIX + id, () => held).catch(() => {});
      return release;
    },
    async live() {
      if (!locks) return undefined;
      try {
        const { held = [], pending = [] } = await locks.query();
        // A lock just requested may still be pending: its tab is open all the same.
        const names = [...held, ...pending].map((lock) => lock.name ?? '').filter((name) => name.startsWith(LOCK_PREFIX));
        return new Set(names.map((name) => name.slice(LOCK_PREFIX.length)));
      } catch {
        return undefined;
      }
    },
  };
}

/** The same within one page's memory, for tests: each `hold` is a tab until released. */
export function memoryLiveConnections(): LiveConnections {
  const ids = new Set<string>();
  return {
    hold(id) {
      ids.add(id);
      return () => ids.delete(id);
    },
    live: async () => new Set(ids),
  };
}
