import { createHash } from 'node:crypto';
import type { JSONContent } from '@tiptap/core';
import * as Y from 'yjs';
import { canonicalJson } from '../../../shared/canonicalJson.js';
import { minutesJSON } from './readMinutes.js';

/** A committed state of the minutes, frozen: what a version stores. */
export interface MinutesSnapshot {
  state: Uint8Array;
  json: JSONContent;
  /** RFC 8785 canonical form of `json`. */
  canonical: string;
  sha256: string;
}

/** Hex SHA-256 of the canonical JSON of a ProseMirror document: anyone can recompute it from the JSON. */
export function minutesSha256(json: JSONContent): string {
  return createHash('sha256').update(canonicalJson(json)).digest('hex');
}

/** Run inside `live.read`, so it is exactly a committed state. */
export function snapshotOf(doc: Y.Doc): MinutesSnapshot {
  const json = minutesJSON(doc);
  const canonical = canonicalJson(json);
  return { state: Y.encodeStateAsUpdate(doc), json, canonical, sha256: createHash('sha256').update(canonical).digest('hex') };
}

/** Only the hash of the committed state (staleness checks). */
export function liveSha256(doc: Y.Doc): string {
  return minutesSha256(minutesJSON(doc));
}
