/**
 * The attributes of the `actionItem` node, without Tiptap: pages outside the editor (tracker,
 * API schemas) use them without pulling the editor into their bundle.
 */
export const ACTION_ITEM_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

export interface ActionItemAttrs {
  id: string;
  owner: string;
  /**
   * The account of the group member who owns the item, or null: the owner is then a side or free
   * text. `owner` still holds the name as shown, so readers that ignore this attribute lose nothing.
   */
  ownerUserId: string | null;
  due: string;
  status: ActionItemStatus;
}

export function isActionItemStatus(value: unknown): value is ActionItemStatus {
  return typeof value === 'string' && (ACTION_ITEM_STATUSES as readonly string[]).includes(value);
}

/**
 * `YYYY-MM-DD` that is also a real calendar date in the years 0001–9999 (there is no year 0000
 * in Postgres, which refuses it).
 */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value.startsWith('0000')) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
