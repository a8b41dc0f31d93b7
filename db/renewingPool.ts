import type postgres from 'postgres';

type Sql = postgres.Sql;

/** What an old pool is still running may finish within this time (seconds); then it is cut. */
const RETIRE_GRACE_SECONDS = 2;

/**
 * A postgres.js pool that is replaced by a fresh one whenever one of its connections closes.
 *
 * postgres.js 3.4.9 mishandles a connection whose socket dies while a query is being sent (the
 * moment a database goes away): `closed()` cancels the deferred write without resetting its
 * timer, so that pool slot can never write again (every later attempt ends in CONNECT_TIMEOUT,
 * for the life of the process, while the database is fine), and the query is never settled.
 * Both only come from a close, so a close is when to start over: new queries go to a new pool at
 * once (whose reconnection backoff also starts from zero); the old one is ended, which lets
 * running queries finish within RETIRE_GRACE_SECONDS and rejects the stuck ones after it.
 * Pools are therefore created without `max_lifetime`, so that connections close only when
 * something went wrong.
 */
export function renewingPool(create: (onclose: () => void) => Sql): { sql: Sql; end(timeoutSeconds: number): Promise<void> } {
  let ended = false;
  const retiring = new Set<Promise<void>>();

  const open = (): Sql => {
    const pool: Sql = create(() => {
      if (pool === current && !ended) renew();
    });
    return pool;
  };
  let current = open();

  function renew(): void {
    const old = current;
    current = open();
    const retired: Promise<void> = old.end({ timeout: RETIRE_GRACE_SECONDS }).then(
      () => void retiring.delete(retired),
      () => void retiring.delete(retired),
    );
    retiring.add(retired);
  }

  // Everything (tagged templates, helpers, begin, json, …) goes to the current pool.
  const sql = new Proxy((() => {}) as unknown as Sql, {
    apply: (_target, thisArg, args) => Reflect.apply(current as unknown as (...a: unknown[]) => unknown, thisArg, args),
    get: (_target, key) => {
      const value: unknown = Reflect.get(current, key);
      return typeof value === 'function' ? value.bind(current) : value;
    },
  });

  return {
    sql,
    async end(timeoutSeconds) {
      ended = true;
      await Promise.all([current.end({ timeout: timeoutSeconds }), ...retiring]);
    },
  };
}
