import { useEffect, useRef, useState } from 'react';
import type { SearchResultsDto } from '../../../shared/api/search.js';
import { SEARCH_KINDS, SEARCH_PAGE_SIZE } from '../../../shared/api/searchOptions.js';
import { api } from '../api/endpoints.js';
import { useLocation } from '../app/navigation.js';
import { paths } from '../app/routes.js';
import { useMe } from '../app/session.js';
import { describeError } from '../components/errors.js';
import { Alert, Button, Card, Loading, SelectField } from '../components/ui.js';
import { DateField } from '../components/DateField.js';
import { useResource } from '../hooks/useResource.js';
import { useDocumentTitle } from '../app/documentTitle.js';
import { useI18n } from '../i18n/i18n.js';
import { useDigits } from '../lib/digits.js';
import { formatNumber } from '../lib/format.js';
import { SearchResults } from './search/SearchResults.js';
import { NO_SEARCH, searchFromQuery, searchQuery, type SearchState } from './search/searchView.js';

type Found = { status: 'idle' } | { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; data: SearchResultsDto };

/**
 * Search across the minutes, action items and meetings the user may read. The words come from
 * the header's box (and the URL); the filters narrow by group, date and kind. The URL follows
 * the state, so results can be shared and survive a reload.
 */
export function SearchPage() {
  const { t, locale } = useI18n();
  const digits = useDigits();
  useDocumentTitle(t('search.title'));
  const location = useLocation();
  const [state, setState] = useState<SearchState>(() => searchFromQuery(window.location.search));
  const [found, setFound] = useState<Found>({ status: 'idle' });
  const query = searchQuery(state).toString();
  const generation = useRef(0);
  // Meeting titles come in the user's language as the server knows it: search again once it does.
  const serverLocale = useMe().locale;

  // The header's box navigates here with new words: take them (and its filters) from the URL.
  const written = useRef(paths.search(new URLSearchParams(query)));
  useEffect(() => {
    if (location !== written.current && location.startsWith(paths.search())) setState(searchFromQuery(location.split('?')[1] ?? ''));
  }, [location]);
  useEffect(() => {
    const url = paths.search(new URLSearchParams(query));
    written.current = url;
    if (url !== window.location.pathname + window.location.search) window.history.replaceState(null, '', url);
  }, [query]);

  useEffect(() => {
    const mine = ++generation.current;
    if (!state.q.trim()) {
      setFound({ status: 'idle' });
      return;
    }
    setFound((f) => (f.status === 'ready' ? f : { status: 'loading' }));
    api.search(new URLSearchParams(query)).then(
      (data) => mine === generation.current && setFound({ status: 'ready', data }),
      (error: unknown) => mine === generation.current && setFound({ status: 'error', error }),
    );
  }, [query, serverLocale]);

  const [groups] = useResource(() => api.groups(), 'groups');
  const set = <K extends keyof SearchState>(key: K, value: SearchState[K]) => setState((s) => ({ ...s, [key]: value, offset: 0 }));
  const filtered = Boolean(state.groupId || state.from || state.to || state.kind);

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t('search.title')}</h1>
          <p className="lead">{state.q ? t('search.leadFor', { q: state.q }) : t('search.lead')}</p>
        </div>
      </div>

      <form className="card search-filters" role="search" aria-label={t('search.filters')} data-testid="search-filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField label={t('search.group')} value={state.groupId} data-testid="search-filter-group" onChange={(e) => set('groupId', e.target.value)}>
          <option value="">{t('search.anyGroup')}</option>
          {groups.status === 'ready' &&
            groups.data.map((group) => (
              <option key={group.id} value={group.id}>
                {locale === 'ar' ? group.nameAr : group.nameEn}
              </option>
            ))}
        </SelectField>
        <DateField label={t('search.from')} value={state.from} data-testid="search-filter-from" onChange={(e) => set('from', e.target.value)} />
        <DateField label={t('search.to')} value={state.to} data-testid="search-filter-to" onChange={(e) => set('to', e.target.value)} />
        <SelectField label={t('search.kind')} value={state.kind} data-testid="search-filter-kind" onChange={(e) => set('kind', e.target.value as SearchState['kind'])}>
          <option value="">{t('search.anyKind')}</option>
          {SEARCH_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`search.kind.${kind}`)}
            </option>
          ))}
        </SelectField>
        <div className="search-filters-end">
          <Button variant="quiet" className="btn-small" disabled={!filtered} data-testid="search-filter-reset" onClick={() => setState({ ...NO_SEARCH, q: state.q })}>
            {t('search.reset')}
          </Button>
        </div>
      </form>

      <Card
        title={
          <span data-testid="search-count" aria-live="polite">
            {found.status === 'ready'
              ? t(found.data.totalIsLowerBound ? 'search.countAtLeast' : 'search.count', { n: formatNumber(found.data.total, locale, digits) })
              : t('search.title')}
          </span>
        }
      >
        {found.status === 'idle' && <p className="muted">{t('search.empty')}</p>}
        {found.status === 'loading' && <Loading label={t('common.loading')} />}
        {found.status === 'error' && <Alert>{describeError(found.error, t)}</Alert>}
        {found.status === 'ready' &&
          (found.data.results.length === 0 ? (
            <p className="empty" data-testid="search-none">
              {t('search.none')}
            </p>
          ) : (
            <>
              <SearchResults results={found.data.results} />
              {found.data.total > SEARCH_PAGE_SIZE && (
                <nav className="search-pages" aria-label={t('search.pages')}>
                  <Button className="btn-small" disabled={state.offset === 0} onClick={() => setState((s) => ({ ...s, offset: Math.max(0, s.offset - SEARCH_PAGE_SIZE) }))}>
                    {t('search.previous')}
                  </Button>
                  <span className="muted">
                    {t(found.data.totalIsLowerBound ? 'search.rangeAtLeast' : 'search.range', {
                      from: formatNumber(state.offset + 1, locale, digits),
                      to: formatNumber(state.offset + found.data.results.length, locale, digits),
                      n: formatNumber(found.data.total, locale, digits),
                    })}
                  </span>
                  <Button
                    className="btn-small"
                    disabled={state.offset + SEARCH_PAGE_SIZE >= found.data.total}
                    onClick={() => setState((s) => ({ ...s, offset: s.offset + SEARCH_PAGE_SIZE }))}
                  >
                    {t('search.next')}
                  </Button>
                </nav>
              )}
            </>
          ))}
      </Card>
    </>
  );
}
