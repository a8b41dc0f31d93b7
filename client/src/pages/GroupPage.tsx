import { api } from '../api/endpoints.js';
import { nameIn, useDocumentTitle } from '../app/documentTitle.js';
import { Link } from '../app/navigation.js';
import { paths } from '../app/routes.js';
import { useMe } from '../app/session.js';
import { Bilingual } from '../components/Bilingual.js';
import { describeError } from '../components/errors.js';
import { Alert, Badge, Loading } from '../components/ui.js';
import { useResource } from '../hooks/useResource.js';
import { useI18n } from '../i18n/i18n.js';
import { DigitsContext } from '../lib/digits.js';
import { DigitsPanel } from './group/DigitsPanel.js';
import { MeetingsPanel } from './group/MeetingsPanel.js';
import { MembersPanel } from './group/MembersPanel.js';
import { SidesPanel } from './group/SidesPanel.js';

export function GroupPage({ groupId }: { groupId: string }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const [group, reload] = useResource(() => api.group(groupId), groupId);
  useDocumentTitle(group.status === 'ready' ? nameIn(locale, { ar: group.data.nameAr, en: group.data.nameEn }) : null);

  if (group.status === 'loading') return <Loading label={t('common.loading')} />;
  if (group.status === 'error') return <Alert>{describeError(group.error, t)}</Alert>;
  const canManage = me.isAdmin || group.data.role === 'secretary';

  return (
    <DigitsContext.Provider value={group.data.digits}>
      <nav className="breadcrumb" aria-label={t('nav.breadcrumb')}>
        <Link to={paths.groups()}>{t('nav.groups')}</Link>
      </nav>
      <div className="page-head">
        <Bilingual ar={group.data.nameAr} en={group.data.nameEn} as="h1" className="page-title" />
        {group.data.role && <Badge tone="green">{t(`role.${group.data.role}`)}</Badge>}
      </div>
      <div className="columns">
        <div className="column-main">
          <MeetingsPanel groupId={groupId} canManage={canManage} />
        </div>
        <div className="column-side">
          <SidesPanel group={group.data} canManage={canManage} onSaved={reload} />
          <MembersPanel groupId={groupId} canManage={canManage} isAdmin={me.isAdmin} sides={group.data.sides} />
          <DigitsPanel group={group.data} canManage={canManage} onSaved={reload} />
        </div>
      </div>
    </DigitsContext.Provider>
  );
}
