import { useEffect } from 'react';
import { AppShell } from '../components/AppShell.js';
import { ErrorBoundary } from '../components/ErrorBoundary.js';
import { describeError } from '../components/errors.js';
import { Alert, Button, Loading } from '../components/ui.js';
import { useI18n } from '../i18n/i18n.js';
import { ActionItemsPage } from '../pages/ActionItemsPage.js';
import { AdminPage } from '../pages/AdminPage.js';
import { GroupPage } from '../pages/GroupPage.js';
import { GroupsPage } from '../pages/GroupsPage.js';
import { HomePage } from '../pages/HomePage.js';
import { InvitePage } from '../pages/InvitePage.js';
import { LoginPage } from '../pages/LoginPage.js';
import { MeetingPage } from '../pages/MeetingPage.js';
import { SearchPage } from '../pages/SearchPage.js';
import { SetupPage } from '../pages/SetupPage.js';
import { useDocumentTitle } from './documentTitle.js';
import { navigate, useLocation } from './navigation.js';
import { afterLoginPath, parseRoute, type Route } from './routes.js';
import { useSession } from './session.js';

function PageNotFound() {
  const { t } = useI18n();
  useDocumentTitle(t('title.notFound'));
  return <Alert>{t('error.pageNotFound')}</Alert>;
}

function SignedInPage({ route }: { route: Route }) {
  const { t } = useI18n();
  switch (route.name) {
    case 'home':
      return <HomePage />;
    case 'groups':
      return <GroupsPage />;
    case 'group':
      return <GroupPage key={route.groupId} groupId={route.groupId} />;
    case 'meeting':
      return <MeetingPage key={route.meetingId} meetingId={route.meetingId} />;
    case 'admin':
      return <AdminPage />;
    case 'actionItems':
      return <ActionItemsPage />;
    case 'search':
      return <SearchPage />;
    case 'login':
    case 'invite':
      return <Loading label={t('common.loading')} />;
    case 'notFound':
      return <PageNotFound />;
  }
}

/**
 * The sign-in gate and the page switch. Whatever the URL, nothing behind it is rendered without
 * a session: after signing out, going back to a meeting's URL shows the login form (and signing
 * in there returns to that meeting).
 */
export function App() {
  const { t } = useI18n();
  const { state, refresh } = useSession();
  const location = useLocation();
  const [pathname, search = ''] = location.split('?');
  const route = parseRoute(pathname!);
  const signedIn = state.status === 'signedIn';

  useEffect(() => {
    if (signedIn && route.name === 'login') navigate(afterLoginPath(new URLSearchParams(search).get('next')), { replace: true });
  }, [signedIn, route.name, search]);

  let page;
  if (state.status === 'loading') page = <Loading label={t('common.loading')} />;
  else if (state.status === 'unreachable')
    page = (
      <div className="auth-page">
        <div className="auth-card">
          <Alert>{describeError(state.error, t)}</Alert>
          <Button variant="primary" onClick={() => void refresh()}>
            {t('common.retry')}
          </Button>
        </div>
      </div>
    );
  else if (state.status === 'setup') page = <SetupPage />;
  else if (route.name === 'invite') page = <InvitePage key={route.token} token={route.token} />;
  else if (state.status === 'anonymous') page = <LoginPage expired={state.expired} />;
  else page = <SignedInPage route={route} />;

  // A page that fails to render leaves the header and a way out, not a blank screen; going to
  // another page starts over.
  return (
    <AppShell>
      <ErrorBoundary key={pathname}>{page}</ErrorBoundary>
    </AppShell>
  );
}
