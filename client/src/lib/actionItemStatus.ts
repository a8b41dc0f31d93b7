// Tiptap-free, so the tracker and other pages do not load the editor.
export { ACTION_ITEM_STATUSES, isActionItemStatus, isIsoDate } from '../../../shared/editor/actionItemAttrs.js';
export type { ActionItemStatus } from '../../../shared/editor/actionItemAttrs.js';
