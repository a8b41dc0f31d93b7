import { getSchema } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import { minutesExtensions } from './extensions.js';

let cached: Schema | undefined;

/** The ProseMirror schema of the minutes, built from the shared extension list. */
export function minutesSchema(): Schema {
  cached ??= getSchema(minutesExtensions());
  return cached;
}

/** Node type names of the schema; the exporters must handle each one. */
export const MINUTES_NODE_TYPES = [
  'doc',
  'paragraph',
  'text',
  'heading',
  'bulletList',
  'orderedList',
  'listItem',
  'hardBreak',
  'actionItem',
  'attendance',
] as const;
export type MinutesNodeType = (typeof MINUTES_NODE_TYPES)[number];

export const MINUTES_MARK_TYPES = ['bold', 'italic', 'underline'] as const;
export type MinutesMarkType = (typeof MINUTES_MARK_TYPES)[number];

/** Name of the Yjs XmlFragment that holds the document (Tiptap's default). */
export const MINUTES_FRAGMENT = 'default';
