import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ActionItemDto } from '../../../shared/api/actionItems.js';
import type { MemberRole } from '../../../shared/api/groups.js';
import type { ActionItemStatus } from '../../../shared/editor/actionItemAttrs.js';
import { api } from '../api/endpoints.js';
import { useLocation } from '../app/navigation.js';
import { paths } from '../app/routes.js';
import { useMe } from '../app/session.js';
import { describeError } from '../components/errors.js';
import { Alert, Button, Card, Loading, SelectField, TextField } from '../components/ui.js';
import { DateField } from '../components/DateField.js';
import { Icon } from '../editor/icons.js';
import { useResource } from '../hooks/useResource.js';
import { useDocumentTitle } from '../app/documentTitle.js';
import { useI18n } from '../i18n/i18n.js';
import { useDigits } from '../lib/digits.js';
import { ACTION_ITEM_STATUSES } from '../lib/actionItemStatus.js';
import { formatNumber } from '../lib/format.js';
import { useActionItemsChanged, useSocket } from '../realtime/socket.js';
import { COLUMNS, ItemRow, SortHeader } from './actionItems/TrackerTable.js';
import { filtersFromQuery, hasFilters, NO_FILTERS, sortItems, trackerQuery, type Sort, type SortKey, type TrackerFilters } from './actionItems/tracker.js';

type Items = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; data: ActionItemDto[] };

/** The owner filter is sent once typing pauses. */
function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

/**
 * Every action item the user may see, across groups and meetings: filtered on the server (the
 * same query feeds the CSV export and the page's URL), sorted here, refreshed live when
 * `actionItems:changed` says a meeting's items changed. Delegates and above set the status.
 */
export function ActionItemsPage() {
  const { t, locale } = useI18n();
  const digits = useDigits();
  useDocumentTitle(t('tracker.title'));
  const me = useMe();
  const location = useLocation();
  const [filters, setFilters] = useState<TrackerFilters>(() => filtersFromQuery(window.location.search));
  const [sort, setSort] = useState<Sort>({ key: 'due', dir: 'asc' });
  const [items, setItems] = useState<Items>({ status: 'loading' });
  const [refreshing, setRefreshing] = useState(false);
  const [tick, setTick] = useState(0);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);
  const generation = useRef(0);

  const owner = useDebounced(filters.owner, 300);
  const query = trackerQuery({ ...filters, owner }).toString();

  // The URL follows the filters (shareable, kept on reload) ...
  const written = useRef(paths.actionItems(new URLSearchParams(query)));
  useEffect(() => {
    const url = paths.actionItems(new URLSearchParams(query));
    written.current = url;
    if (url !== window.location.pathname + window.location.search) window.history.replaceState(null, '', url);
  }, [query]);
  // ... and a link to the tracker with other filters (the nav link, say) replaces them.
  useEffect(() => {
    if (location !== written.current && location.startsWith(paths.actionItems())) setFilters(filtersFromQuery(location.split('?')[1] ?? ''));
  }, [location]);

  useEffect(() => {
    const mine = ++generation.current;
    setRefreshing(true);
    api.actionItems(new URLSearchParams(query)).then(
      (data) => {
        if (mine !== generation.current) return;
        setItems({ status: 'ready', data });
        setRefreshing(false);
      },
      (error: unknown) => {
        if (mine !== generation.current) return;
        setItems({ status: 'error', error });
        setRefreshing(false);
      },
    );
  }, [query, tick]);

  const refresh = useCallback(() => setTick((n) => n + 1), []);
  const socket = useSocket();
  useActionItemsChanged(socket, refresh, (event) => !filters.groupId || event.groupId === filters.groupId);

  const [groups] = useResource(() => api.groups(), 'groups');
  const roles = useMemo(() => {
    const map = new Map<string, MemberRole | null>();
    if (groups.status === 'ready') for (const group of groups.data) map.set(group.id, group.role);
    return map;
  }, [groups]);
  // Admins may do everything; members need delegate or secretary (observers see it disabled).
  const canChange = (item: ActionItemDto) => me.isAdmin || roles.get(item.groupId) !== 'observer';

  const [groupMeetings] = useResource(() => (filters.groupId ? api.meetings(filters.groupId) : Promise.resolve([])), `meetings:${filters.groupId}`);
  // Without a group, the meetings offered are those whose items were seen on this page.
  const seenMeetings = useRef(new Map<string, { id: string; titleAr: string; titleEn: string; startsAt: string }>());
  if (items.status === 'ready') {
    for (const item of items.data) {
      seenMeetings.current.set(item.meetingId, { id: item.meetingId, titleAr: item.meetingTitleAr, titleEn: item.meetingTitleEn, startsAt: item.meetingStartsAt });
    }
  }
  const meetingOptions = (
    filters.groupId
      ? groupMeetings.status === 'ready'
        ? groupMeetings.data
        : []
      : [...seenMeetings.current.values()]
  )
    .slice()
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt));
  if (filters.meetingId && !meetingOptions.some((m) => m.id === filters.meetingId)) {
    const seen = seenMeetings.current.get(filters.meetingId);
    if (seen) meetingOptions.unshift(seen);
  }

  const set = <K extends keyof TrackerFilters>(key: K, value: TrackerFilters[K]) => setFilters((f) => ({ ...f, [key]: value }));
  const toggleStatus = (status: ActionItemStatus, on: boolean) =>
    setFilters((f) => ({ ...f, status: ACTION_ITEM_STATUSES.filter((s) => (s === status ? on : f.status.includes(s))) }));
  const onSort = (key: SortKey) => setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' }));

  async function changeStatus(item: ActionItemDto, status: ActionItemStatus) {
    setBusyId(item.id);
    setRowError(null);
    try {
      const updated = await api.setActionItemStatus(item.id, status);
      setItems((prev) => (prev.status === 'ready' ? { status: 'ready', data: prev.data.map((i) => (i.id === updated.id ? updated : i)) } : prev));
    } catch (e) {
      setRowError(t('tracker.changeFailed', { reason: describeError(e, t) }));
      refresh();
    } finally {
      setBusyId(null);
    }
  }

  const sorted = items.status === 'ready' ? sortItems(items.data, sort, locale) : [];
  const filtered = hasFilters({ ...filters, owner });

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t('tracker.title')}</h1>
          <p className="lead">{t('tracker.lead')}</p>
        </div>
        <a className="btn btn-secondary" href={api.actionItemsCsvPath(new URLSearchParams(query))} download data-testid="export-csv">
          <Icon name="download" />
          {t('tracker.exportCsv')}
        </a>
      </div>

      <form className="card tracker-filters" role="search" aria-label={t('tracker.filters')} data-testid="tracker-filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t('tracker.group')}
          value={filters.groupId}
          data-testid="filter-group"
          onChange={(e) => setFilters((f) => ({ ...f, groupId: e.target.value, meetingId: '' }))}
        >
          <option value="">{t('tracker.anyGroup')}</option>
          {groups.status === 'ready' &&
            groups.data.map((group) => (
              <option key={group.id} value={group.id}>
                {locale === 'ar' ? group.nameAr : group.nameEn}
              </option>
            ))}
        </SelectField>
        <SelectField label={t('tracker.meeting')} value={filters.meetingId} data-testid="filter-meeting" onChange={(e) => set('meetingId', e.target.value)}>
          <option value="">{t('tracker.anyMeeting')}</option>
          {meetingOptions.map((meeting) => (
            <option key={meeting.id} value={meeting.id}>
              {locale === 'ar' ? meeting.titleAr : meeting.titleEn}
            </option>
          ))}
        </SelectField>
        <TextField label={t('tracker.owner')} type="search" value={filters.owner} maxLength={200} data-testid="filter-owner" onChange={(e) => set('owner', e.target.value)} />
        <SelectField
          label={t('tracker.overdue')}
          value={filters.overdue}
          data-testid="filter-overdue"
          onChange={(e) => set('overdue', e.target.value as TrackerFilters['overdue'])}
        >
          <option value="">{t('tracker.overdue.any')}</option>
          <option value="true">{t('tracker.overdue.true')}</option>
          <option value="false">{t('tracker.overdue.false')}</option>
        </SelectField>
        <DateField label={t('tracker.dueFrom')} value={filters.dueFrom} data-testid="filter-due-from" onChange={(e) => set('dueFrom', e.target.value)} />
        <DateField label={t('tracker.dueTo')} value={filters.dueTo} data-testid="filter-due-to" onChange={(e) => set('dueTo', e.target.value)} />
        <fieldset className="status-filter" data-testid="filter-status">
          <legend>{t('tracker.status')}</legend>
          {ACTION_ITEM_STATUSES.map((status) => (
            <label key={status} className="status-chip">
              <input type="checkbox" checked={filters.status.includes(status)} data-testid={`filter-status-${status}`} onChange={(e) => toggleStatus(status, e.target.checked)} />
              <span>{t(`actionStatus.${status}`)}</span>
            </label>
          ))}
        </fieldset>
        <div className="tracker-filters-end">
          <Button variant="quiet" className="btn-small" disabled={!hasFilters(filters)} data-testid="filter-reset" onClick={() => setFilters(NO_FILTERS)}>
            {t('tracker.reset')}
          </Button>
        </div>
      </form>

      <Card
        title={
          <span className="tracker-count" data-testid="tracker-count">
            {items.status === 'ready' ? t('tracker.count', { n: formatNumber(items.data.length, locale, digits) }) : t('tracker.title')}
          </span>
        }
        actions={
          refreshing && items.status === 'ready' ? (
            <span className="muted tracker-updating" role="status">
              {t('tracker.updating')}
            </span>
          ) : undefined
        }
      >
        {rowError && <Alert testId="tracker-row-error">{rowError}</Alert>}
        {items.status === 'loading' && <Loading label={t('common.loading')} />}
        {items.status === 'error' && (
          <div className="tracker-error" data-testid="tracker-error">
            <Alert>{describeError(items.error, t)}</Alert>
            <div>
              <Button onClick={refresh}>{t('common.retry')}</Button>
            </div>
          </div>
        )}
        {items.status === 'ready' &&
          (sorted.length === 0 ? (
            <div className="empty" data-testid="tracker-empty">
              <p>{filtered ? t('tracker.noMatch') : t('tracker.empty')}</p>
              {filtered && (
                <Button variant="quiet" className="btn-small" onClick={() => setFilters(NO_FILTERS)}>
                  {t('tracker.reset')}
                </Button>
              )}
            </div>
          ) : (
            <div className="table-scroll">
              <table className="table tracker-table table-stack" data-testid="tracker-table">
                <colgroup>
                  {COLUMNS.map((column) => (
                    <col key={column.key} className={`col-${column.key}`} />
                  ))}
                </colgroup>
                <thead>
                  <tr>
                    {COLUMNS.map((column) => (
                      <SortHeader key={column.key} column={column.key} label={t(column.label)} sort={sort} onSort={onSort} />
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {sorted.map((item) => (
                    <ItemRow key={item.id} item={item} canChange={canChange(item)} busy={busyId === item.id} onStatus={(i, s) => void changeStatus(i, s)} />
                  ))}
                </tbody>
              </table>
            </div>
          ))}
      </Card>
    </>
  );
}
