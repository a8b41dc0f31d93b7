import type { ReactNode } from 'react';
import { canLeave, Link, navigate, useLocation } from '../app/navigation.js';
import { parseRoute, paths } from '../app/routes.js';
import { useSession } from '../app/session.js';
import { LocalCopyIndex, signOutDecision } from '../collab/localCopies.js';
import { useI18n } from '../i18n/i18n.js';
import { useConfirm } from './confirm.js';
import { HeaderSearch } from './HeaderSearch.js';

function Emblem() {
  return (
    <svg className="emblem" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="6" fill="currentColor" />
      <path d="M9 8h14v2H9zM9 13h14v2H9zM9 18h9v2H9z" fill="#f4f1ea" />
      <circle cx="22" cy="22" r="3" fill="#c8a45a" />
    </svg>
  );
}

export function LanguageSwitch() {
  const { t, locale } = useI18n();
  const { changeLocale } = useSession();
  const next = locale === 'ar' ? 'en' : 'ar';
  return (
    <button
      type="button"
      className="lang-switch"
      data-testid="lang-switch"
      lang={next}
      title={t('nav.switchLanguage')}
      onClick={() => void changeLocale(next).catch(() => undefined)}
    >
      {t('nav.otherLanguage')}
    </button>
  );
}

/** Page frame: the top bar (brand, navigation, language, user) and the page below it. */
export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { state, signOut } = useSession();
  const route = parseRoute(useLocation().split('?')[0]!);
  const confirm = useConfirm();
  const me = state.status === 'signedIn' ? state.me : null;

  async function handleSignOut() {
    if (!me) return;
    // Signing out deletes the minutes kept in this browser: ask first if some of them hold changes
    // the server has not confirmed (this page's or an earlier one's). That question covers the
    // page's own "leave with unsaved changes?", which is asked otherwise.
    if (signOutDecision(new LocalCopyIndex(me.id)) === 'confirm') {
      if (!(await confirm(t('nav.signOutDiscards'), { danger: true }))) return;
    } else if (!(await canLeave())) return;
    await signOut().catch(() => undefined);
    navigate(paths.login(), { force: true });
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link to={paths.home()} className="brand">
            <Emblem />
            <span className="brand-text">
              <span className="brand-name">{t('app.name')}</span>
              <span className="brand-tagline">{t('app.tagline')}</span>
            </span>
          </Link>
          {me && (
            <nav className="topnav" aria-label={t('nav.main')}>
              <Link to={paths.home()} aria-current={route.name === 'home' ? 'page' : undefined} data-testid="nav-home">
                {t('nav.home')}
              </Link>
              <Link to={paths.groups()} aria-current={route.name === 'groups' || route.name === 'group' ? 'page' : undefined}>
                {t('nav.groups')}
              </Link>
              <Link to={paths.actionItems()} aria-current={route.name === 'actionItems' ? 'page' : undefined} data-testid="nav-action-items">
                {t('nav.actionItems')}
              </Link>
              {me.isAdmin && (
                <Link to={paths.admin()} aria-current={route.name === 'admin' ? 'page' : undefined}>
                  {t('nav.admin')}
                </Link>
              )}
            </nav>
          )}
          <div className="topbar-end">
            {me && <HeaderSearch />}
            <LanguageSwitch />
            {me && (
              <>
                <span className="user-name" data-testid="user-name" dir="auto">
                  {me.name}
                </span>
                <button type="button" className="btn btn-quiet btn-small" data-testid="sign-out" onClick={() => void handleSignOut()}>
                  {t('nav.signOut')}
                </button>
              </>
            )}
          </div>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
