import { api } from '../api/endpoints.js';
import { useDocumentTitle } from '../app/documentTitle.js';
import { useMe } from '../app/session.js';
import { describeError } from '../components/errors.js';
import { Alert, Loading } from '../components/ui.js';
import { useResource, type Resource } from '../hooks/useResource.js';
import { useI18n } from '../i18n/i18n.js';
import { GroupsSection } from './GroupsPage.js';
import { MyActionItems } from './home/MyActionItems.js';
import { MyMeetings } from './home/MyMeetings.js';

/** After signing in: my meetings, my open action items, then my groups (`GET /api/home`). */
export function HomePage() {
  const { t } = useI18n();
  const me = useMe();
  const [home, reload] = useResource(() => api.home(), 'home');
  useDocumentTitle(t('home.title'));
  const groups: Resource<NonNullable<typeof home.data>['groups']> = home.status === 'ready' ? { status: 'ready', data: home.data.groups } : home;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t('home.greeting', { name: me.name })}</h1>
          <p className="lead">{t('home.lead')}</p>
        </div>
      </div>
      {home.status === 'loading' && <Loading label={t('common.loading')} />}
      {home.status === 'error' && <Alert>{describeError(home.error, t)}</Alert>}
      {home.status === 'ready' && (
        <div className="home-grid">
          <MyMeetings upcoming={home.data.upcomingMeetings} recent={home.data.recentMeetings} />
          <MyActionItems items={home.data.actionItems} />
        </div>
      )}
      {home.status === 'ready' && <GroupsSection groups={groups} reload={reload} title={t('home.groups.title')} />}
    </>
  );
}
