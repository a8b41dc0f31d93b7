import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../../shared/canonicalJson.js';

export { canonicalJson };

/**
 * First 16 hex digits of the SHA-256 of the document's RFC 8785 form: the same digits as the
 * hash of a version with this text, so a printed footer can be checked against the history.
 */
export function contentHash(doc: unknown): string {
  return createHash('sha256').update(canonicalJson(doc)).digest('hex').slice(0, 16);
}
