/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): no whitespace, object members sorted by the
 * UTF-16 code units of their names, numbers and strings serialised as ECMAScript does. The
 * SHA-256 of this text identifies a version of the minutes, so anyone can recompute it.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('JCS: numbers must be finite');
    return JSON.stringify(value);
  }
  // A lone surrogate (which RFC 8785 leaves out of scope) is written \udxxx, as ECMAScript's
  // JSON.stringify does: minutes that hold one must still hash, the same way every time.
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    // The default sort compares UTF-16 code units, which is what JCS asks for.
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${canonicalJson(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new TypeError(`JCS: cannot serialise a ${typeof value}`);
}
