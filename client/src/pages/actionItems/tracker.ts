import type { ActionItemDto } from '../../../../shared/api/actionItems.js';
import type { ActionItemStatus } from '../../../../shared/editor/actionItemAttrs.js';
import { ACTION_ITEM_STATUSES, isActionItemStatus, isIsoDate } from '../../lib/actionItemStatus.js';
import { isUuid } from '../../../../shared/ids.js';

/** The tracker's filters, as in its URL and in `GET /api/action-items`. */
export interface TrackerFilters {
  groupId: string;
  meetingId: string;
  owner: string;
  /** Empty: every status. */
  status: ActionItemStatus[];
  overdue: '' | 'true' | 'false';
  dueFrom: string;
  dueTo: string;
}

export const NO_FILTERS: TrackerFilters = { groupId: '', meetingId: '', owner: '', status: [], overdue: '', dueFrom: '', dueTo: '' };

/** Filters from a URL query; anything the API would refuse is dropped. */
export function filtersFromQuery(search: string): TrackerFilters {
  const q = new URLSearchParams(search);
  const id = (name: string) => {
    const value = q.get(name) ?? '';
    return isUuid(value) ? value : '';
  };
  const date = (name: string) => {
    const value = q.get(name) ?? '';
    return isIsoDate(value) ? value : '';
  };
  const overdue = q.get('overdue');
  const status = (q.get('status') ?? '').split(',').filter(isActionItemStatus);
  return {
    groupId: id('groupId'),
    meetingId: id('meetingId'),
    owner: (q.get('owner') ?? '').slice(0, 200),
    status: ACTION_ITEM_STATUSES.filter((s) => status.includes(s)),
    overdue: overdue === 'true' || overdue === 'false' ? overdue : '',
    dueFrom: date('dueFrom'),
    dueTo: date('dueTo'),
  };
}

/** The query for the API, the CSV export and the page's URL (empty filters left out). */
export function trackerQuery(filters: TrackerFilters): URLSearchParams {
  const q = new URLSearchParams();
  if (filters.groupId) q.set('groupId', filters.groupId);
  if (filters.meetingId) q.set('meetingId', filters.meetingId);
  if (filters.owner.trim()) q.set('owner', filters.owner.trim());
  if (filters.status.length > 0 && filters.status.length < ACTION_ITEM_STATUSES.length) q.set('status', filters.status.join(','));
  if (filters.overdue) q.set('overdue', filters.overdue);
  if (filters.dueFrom) q.set('dueFrom', filters.dueFrom);
  if (filters.dueTo) q.set('dueTo', filters.dueTo);
  return q;
}

export function hasFilters(filters: TrackerFilters): boolean {
  return trackerQuery(filters).toString() !== '';
}

export const SORT_KEYS = ['text', 'owner', 'due', 'status', 'meeting', 'updated'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

/** Code-point order: ISO dates and timestamps sort as they read. */
function plain(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const STATUS_ORDER: Record<ActionItemStatus, number> = { open: 0, in_progress: 1, done: 2, cancelled: 3 };

/**
 * Items sorted by a column. Texts compare in the interface language's collation; items without
 * a due date (or owner, or text) come last whichever the direction; ties keep the due order.
 */
export function sortItems(items: ActionItemDto[], sort: Sort, locale: 'ar' | 'en'): ActionItemDto[] {
  const collator = new Intl.Collator(locale === 'ar' ? 'ar' : 'en', { sensitivity: 'base', numeric: true });
  const sign = sort.dir === 'asc' ? 1 : -1;
  const text = (a: string, b: string) => {
    if (!a !== !b) return a ? -1 : 1;
    return sign * collator.compare(a, b);
  };
  const title = (item: ActionItemDto) => (locale === 'ar' ? item.meetingTitleAr : item.meetingTitleEn);
  const compare = (a: ActionItemDto, b: ActionItemDto): number => {
    switch (sort.key) {
      case 'text':
        return text(a.text.trim(), b.text.trim());
      case 'owner':
        return text(a.owner.trim(), b.owner.trim());
      case 'due':
        if (!a.due !== !b.due) return a.due ? -1 : 1;
        return sign * plain(a.due, b.due);
      case 'status':
        return sign * (STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
      case 'meeting':
        return sign * (plain(a.meetingStartsAt, b.meetingStartsAt) || collator.compare(title(a), title(b)));
      case 'updated':
        return sign * plain(a.updatedAt, b.updatedAt);
    }
  };
  const byDue = (a: ActionItemDto, b: ActionItemDto) => (!a.due !== !b.due ? (a.due ? -1 : 1) : plain(a.due, b.due));
  return [...items].sort((a, b) => compare(a, b) || byDue(a, b) || plain(a.id, b.id));
}
