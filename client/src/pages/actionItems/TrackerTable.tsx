import type { ActionItemDto } from '../../../../shared/api/actionItems.js';
import type { ActionItemStatus } from '../../../../shared/editor/actionItemAttrs.js';
import { Link } from '../../app/navigation.js';
import { paths } from '../../app/routes.js';
import type { MessageKey } from '../../i18n/ar.js';
import { useI18n } from '../../i18n/i18n.js';
import { ACTION_ITEM_STATUSES } from '../../lib/actionItemStatus.js';
import { formatDate, formatDay, formatTimestamp } from '../../lib/time.js';
import type { Sort, SortKey } from './tracker.js';

/** The tracker's columns, each sortable. */
export const COLUMNS: { key: SortKey; label: MessageKey }[] = [
  { key: 'text', label: 'tracker.col.task' },
  { key: 'owner', label: 'tracker.col.owner' },
  { key: 'due', label: 'tracker.col.due' },
  { key: 'status', label: 'tracker.col.status' },
  { key: 'meeting', label: 'tracker.col.meeting' },
  { key: 'updated', label: 'tracker.col.updated' },
];

export function SortHeader({ column, label, sort, onSort }: { column: SortKey; label: string; sort: Sort; onSort: (key: SortKey) => void }) {
  const { t } = useI18n();
  const active = sort.key === column;
  return (
    <th scope="col" aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" className="sort-button" title={t('tracker.sortBy', { column: label })} data-testid={`sort-${column}`} onClick={() => onSort(column)}>
        <span>{label}</span>
        <svg className={active ? 'sort-mark sort-mark-active' : 'sort-mark'} viewBox="0 0 10 14" width="8" height="12" aria-hidden="true" focusable="false">
          {(!active || sort.dir === 'asc') && <path d="M5 1l4 5H1z" fill="currentColor" />}
          {(!active || sort.dir === 'desc') && <path d="M5 13l4-5H1z" fill="currentColor" />}
        </svg>
      </button>
    </th>
  );
}

export function ItemRow({
  item,
  canChange,
  busy,
  onStatus,
}: {
  item: ActionItemDto;
  canChange: boolean;
  busy: boolean;
  onStatus: (item: ActionItemDto, status: ActionItemStatus) => void;
}) {
  const { t, locale } = useI18n();
  // Items of several groups: each one's dates in its group's digits, as on its meeting page.
  const digits = item.groupDigits;
  const title = locale === 'ar' ? item.meetingTitleAr : item.meetingTitleEn;
  const group = locale === 'ar' ? item.groupNameAr : item.groupNameEn;
  return (
    <tr data-testid="tracker-row" data-item-id={item.id} data-status={item.status} className={item.overdue ? 'row-overdue' : undefined}>
      <td className="cell-task" data-label={t('tracker.col.task')}>
        <bdi dir="auto" data-testid="tracker-task">
          {item.text || '—'}
        </bdi>
      </td>
      <td className="cell-owner" data-label={t('tracker.col.owner')}>
        <bdi dir="auto">{item.owner || '—'}</bdi>
      </td>
      <td className="cell-due" data-label={t('tracker.col.due')}>
        <span>{item.due ? formatDay(item.due, locale, digits) : '—'}</span>
        {item.overdue && (
          <span className="badge badge-red" data-testid="tracker-overdue">
            {t('actionItem.overdue')}
          </span>
        )}
      </td>
      <td className="cell-status" data-label={t('tracker.col.status')}>
        <select
          className={`status-select status-${item.status}`}
          aria-label={t('tracker.statusOf', { task: item.text })}
          title={canChange ? undefined : t('tracker.observerOnly')}
          value={item.status}
          disabled={!canChange || busy}
          data-testid="tracker-status"
          onChange={(e) => onStatus(item, e.target.value as ActionItemStatus)}
        >
          {ACTION_ITEM_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`actionStatus.${status}`)}
            </option>
          ))}
        </select>
      </td>
      <td className="cell-meeting" data-label={t('tracker.col.meeting')}>
        <Link to={paths.meeting(item.meetingId)} data-testid="tracker-meeting-link">
          <bdi dir="auto">{title}</bdi>
        </Link>
        <span className="cell-sub">
          <bdi dir="auto">{group}</bdi>
          <span className="nowrap">{formatDate(item.meetingStartsAt, locale, digits)}</span>
        </span>
      </td>
      <td className="cell-updated" data-label={t('tracker.col.updated')}>{formatTimestamp(item.updatedAt, locale, digits)}</td>
    </tr>
  );
}

