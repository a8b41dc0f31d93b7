/**
 * Resolves once a query just started has been written to the database's socket, so that
 * synchronous work done next overlaps with the database's. postgres.js starts a query in a
 * microtask and holds a request under 1 kB back for a `setImmediate`, to send it with others:
 * work done right after starting a query ran before the request left, and the database sat idle
 * meanwhile. readLog lost the overlap of its reads and its replay that way (a 100,000-row open:
 * the main thread waited ~20 ms for each part of 10,000 rows). The second `setImmediate` runs
 * after postgres.js's, which was queued within the first one's turn.
 */
export function requestSent(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}
