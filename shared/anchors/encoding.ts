import { fromBase64, toBase64 } from 'lib0/buffer';
import * as Y from 'yjs';

/*
 * Anchors of amendments and comments: two Yjs relative positions inside the Y.XmlText of one
 * block of the minutes (the `default` XmlFragment), each `Y.encodeRelativePosition` in standard
 * base64 (RFC 4648 §4, with padding).
 *
 * - `start` is created with assoc 0: it sticks to the first character of the range, so text
 *   typed just before the range stays outside it.
 * - `end` is created with assoc -1: it sticks to the last character of the range, so text typed
 *   just after the range is not swallowed by it. (y-prosemirror's
 *   `absolutePositionToRelativePosition` gives assoc -1 for both; use `textRangeAnchor`.)
 * - A collapsed range (start = end) is an insertion point.
 * Text typed inside the range becomes part of it; when its characters are all deleted the range
 * is empty (an amendment then becomes `outdated`).
 */

export interface Anchor {
  start: string;
  end: string;
}

/** Longest encoded position accepted (a real one is ~10–30 characters). */
export const MAX_ENCODED_POSITION = 200;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function encodePosition(position: Y.RelativePosition): string {
  return toBase64(Y.encodeRelativePosition(position));
}

/** The relative position, or null for anything that is not exactly one encoded position. */
export function decodePosition(encoded: string): Y.RelativePosition | null {
  if (encoded.length === 0 || encoded.length > MAX_ENCODED_POSITION || !BASE64.test(encoded)) return null;
  try {
    const position = Y.decodeRelativePosition(fromBase64(encoded));
    // Trailing bytes or a reading that does not encode back the same are not a position.
    return encodePosition(position) === encoded ? position : null;
  } catch {
    return null;
  }
}

/** The anchor of `[from, to)` in `text` (offsets in the text's characters, from ≤ to). */
export function textRangeAnchor(text: Y.XmlText, from: number, to: number): Anchor {
  return {
    start: encodePosition(Y.createRelativePositionFromTypeIndex(text, from, 0)),
    end: encodePosition(Y.createRelativePositionFromTypeIndex(text, to, -1)),
  };
}
