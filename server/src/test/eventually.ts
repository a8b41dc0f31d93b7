/**
 * Reads `read()` until `ok` holds of its value or `timeoutMs` has passed, and returns the last
 * value read: the caller asserts on it, so that a timeout fails with what was last seen.
 */
export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000, intervalMs = 50): Promise<T> {
  const until = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    value = await read();
  }
  return value;
}
