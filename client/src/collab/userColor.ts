/**
 * Caret colours: dark enough for white label text (contrast ≥ 4.5:1) and distinct from each
 * other and from the interface's own green and gold.
 */
export const CARET_COLORS = [
  '#b3261e', // red
  '#1a5fb4', // blue
  '#7b2d8b', // purple
  '#a04a00', // burnt orange
  '#006d6f', // teal
  '#5b4a14', // olive brown
  '#9c1f63', // magenta
  '#32518c', // slate blue
] as const;

/** FNV-1a: a stable, well-spread hash of a user id, so a person keeps their colour everywhere. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function userColor(userId: string): string {
  return CARET_COLORS[hash(userId) % CARET_COLORS.length]!;
}

/** What each client publishes in its awareness state (read by CollaborationCaret). */
export interface AwarenessUser {
  name: string;
  color: string;
}

export function awarenessUser(me: { id: string; name: string }): AwarenessUser {
  return { name: me.name, color: userColor(me.id) };
}
