import { z } from 'zod';

/**
 * The awareness state Mahdar's editor publishes, and nothing else: `{}` before the editor is
 * ready, then `user` (CollaborationCaret: name and colour) and `cursor` (y-tiptap's cursor
 * plugin: anchor and head as Yjs relative positions, or null when the editor is not focused).
 * Whatever a peer puts here is stored by the server and relayed to everyone, so it is checked
 * before it is stored.
 */

/** Deepest nesting of objects/arrays in a JSON text, without recursion (safe on any input). */
export function jsonDepth(json: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) max = Math.max(max, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

const MAX_TEXT = 200;
const text = z.string().max(MAX_TEXT);
const id = z.strictObject({ client: z.int().min(0), clock: z.int().min(0) });

/** `Y.RelativePosition` as JSON.stringify writes it. */
const relativePosition = z.strictObject({
  type: id.nullable().optional(),
  tname: text.nullable().optional(),
  item: id.nullable().optional(),
  assoc: z.int().optional(),
});

const AwarenessState = z.strictObject({
  user: z.strictObject({ name: text.nullable().optional(), color: z.string().regex(/^#[0-9a-fA-F]{3,8}$/).nullable().optional() }).optional(),
  cursor: z.strictObject({ anchor: relativePosition, head: relativePosition }).nullable().optional(),
});

/** Null when `value` is a valid awareness state, else what is wrong with it. */
export function awarenessStateProblem(value: unknown): string | null {
  const result = AwarenessState.safeParse(value);
  if (result.success) return null;
  const issue = result.error.issues[0]!;
  return `state.${issue.path.join('.')}: ${issue.message}`;
}
