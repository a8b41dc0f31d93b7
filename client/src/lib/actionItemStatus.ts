import type { ActionItemStatus } from '../../../shared/editor/nodes/actionItem.js';

/**
 * The action-item statuses in workflow order, as in the shared node. Pages outside the editor
 * import them from here: the shared node module brings Tiptap into the first bundle. The type
 * check below and `actionItemStatus.test.ts` keep the two lists the same.
 */
export const ACTION_ITEM_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const satisfies readonly ActionItemStatus[];

// Fails to compile if the shared node gains a status this list lacks.
const exhaustive: Exclude<ActionItemStatus, (typeof ACTION_ITEM_STATUSES)[number]> extends never ? true : never = true;
void exhaustive;

export function isActionItemStatus(value: unknown): value is ActionItemStatus {
  return typeof value === 'string' && (ACTION_ITEM_STATUSES as readonly string[]).includes(value);
}

/** `YYYY-MM-DD` that is also a real calendar date (what the API accepts for due dates). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}
