import { useEffect, useRef, useState } from 'react';
import { navigate, useLocation } from '../app/navigation.js';
import { parseRoute, paths } from '../app/routes.js';
import { useI18n } from '../i18n/i18n.js';
import { searchFromQuery, searchQuery } from '../pages/search/searchView.js';
import { inputDir } from '../lib/inputDir.js';
import { shortcutKeys, thisDevice } from '../lib/shortcutHint.js';

/** Ctrl+K (⌘+K on a Mac) from anywhere, also from inside the minutes. */
function isSearchShortcut(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k';
}

/**
 * The search box of the top bar: Enter opens the results page with the words typed (keeping the
 * page's filters when already there). Ctrl/⌘+K focuses it (the placeholder says so where there
 * is a keyboard).
 */
export function HeaderSearch() {
  const { t } = useI18n();
  const location = useLocation();
  const [pathname, search = ''] = location.split('?');
  const onResults = parseRoute(pathname!).name === 'search';
  const urlQuery = onResults ? searchFromQuery(search).q : '';
  const [value, setValue] = useState(urlQuery);
  const input = useRef<HTMLInputElement>(null);
  // Read once: a phone has no keyboard to name a shortcut of (the shortcut itself still works).
  const [keys] = useState(() => shortcutKeys('K', thisDevice()));

  // The box shows what the results page searched for (a link, back and forward).
  useEffect(() => {
    if (onResults) setValue(urlQuery);
  }, [onResults, urlQuery]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isSearchShortcut(event)) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  function submit() {
    const q = value.trim();
    if (!q) return;
    const state = onResults ? searchFromQuery(search) : searchFromQuery('');
    navigate(paths.search(searchQuery({ ...state, q, offset: 0 })));
  }

  return (
    <form
      className="header-search"
      role="search"
      aria-label={t('search.label')}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <input
        ref={input}
        type="search"
        dir={inputDir(value)}
        value={value}
        maxLength={200}
        placeholder={keys ? t('search.placeholderShortcut', { keys }) : t('search.placeholder')}
        aria-label={t('search.label')}
        aria-keyshortcuts="Control+K Meta+K"
        data-testid="header-search"
        onChange={(event) => setValue(event.target.value)}
      />
    </form>
  );
}
