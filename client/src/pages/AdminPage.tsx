import { useMe } from '../app/session.js';
import { Alert } from '../components/ui.js';
import { useDocumentTitle } from '../app/documentTitle.js';
import { useI18n } from '../i18n/i18n.js';
import { InvitationsPanel } from './admin/InvitationsPanel.js';
import { UsersPanel } from './admin/UsersPanel.js';

export function AdminPage() {
  const { t } = useI18n();
  useDocumentTitle(t('admin.title'));
  const me = useMe();
  if (!me.isAdmin) return <Alert>{t('error.forbidden')}</Alert>;
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t('admin.title')}</h1>
          <p className="lead">{t('admin.lead')}</p>
        </div>
      </div>
      <UsersPanel />
      <InvitationsPanel />
    </>
  );
}
