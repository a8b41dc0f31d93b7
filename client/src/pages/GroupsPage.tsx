import { useState } from 'react';
import type { GroupDto } from '../../../shared/api/groups.js';
import { api } from '../api/endpoints.js';
import { useDocumentTitle } from '../app/documentTitle.js';
import { Link } from '../app/navigation.js';
import { paths } from '../app/routes.js';
import { useMe } from '../app/session.js';
import { Bilingual } from '../components/Bilingual.js';
import { describeError } from '../components/errors.js';
import { Alert, Badge, Button, Card, Loading, TextField } from '../components/ui.js';
import { useFormAction } from '../hooks/useFormAction.js';
import { useResource, type Resource } from '../hooks/useResource.js';
import { useI18n } from '../i18n/i18n.js';

function CreateGroupForm({ onCreated, onCancel }: { onCreated: (group: GroupDto) => void; onCancel: () => void }) {
  const { t } = useI18n();
  const { busy, error, onSubmit } = useFormAction(
    async (data) => onCreated(await api.createGroup({ nameAr: String(data.get('nameAr')), nameEn: String(data.get('nameEn')) })),
    { busyAfterSuccess: true },
  );

  return (
    <Card title={t('groups.create.title')} className="form-card">
      <form className="form-grid" onSubmit={onSubmit} data-testid="create-group-form">
        {error && <Alert>{error}</Alert>}
        <TextField label={t('groups.create.nameAr')} name="nameAr" lang="ar" dir="rtl" required maxLength={200} data-testid="group-name-ar" />
        <TextField label={t('groups.create.nameEn')} name="nameEn" lang="en" dir="ltr" required maxLength={200} data-testid="group-name-en" />
        <div className="form-actions">
          <Button type="submit" variant="primary" disabled={busy} data-testid="create-group-submit">
            {t('groups.create.submit')}
          </Button>
          <Button variant="quiet" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** The user's groups as tiles, and (admins) the form for a new one. */
export function GroupsSection({ groups, reload, title }: { groups: Resource<GroupDto[]>; reload: () => void; title?: string }) {
  const { t } = useI18n();
  const me = useMe();
  const [creating, setCreating] = useState(false);
  const newButton = me.isAdmin && !creating && (
    <Button variant="primary" onClick={() => setCreating(true)} data-testid="new-group">
      {t('groups.create.open')}
    </Button>
  );

  return (
    <section className="groups-section" aria-label={title ?? t('groups.title')}>
      {title ? (
        <div className="section-head">
          <h2>{title}</h2>
          {newButton}
        </div>
      ) : (
        newButton && <div className="section-head section-head-end">{newButton}</div>
      )}
      {creating && (
        <CreateGroupForm
          onCancel={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            reload();
          }}
        />
      )}
      {groups.status === 'loading' && <Loading label={t('common.loading')} />}
      {groups.status === 'error' && <Alert>{describeError(groups.error, t)}</Alert>}
      {groups.status === 'ready' &&
        (groups.data.length === 0 ? (
          <p className="empty">{me.isAdmin ? t('groups.emptyAdmin') : t('groups.empty')}</p>
        ) : (
          <ul className="tile-list" data-testid="group-list">
            {groups.data.map((group) => (
              <li key={group.id}>
                <Link to={paths.group(group.id)} className="tile">
                  <Bilingual ar={group.nameAr} en={group.nameEn} className="tile-title" />
                  <span className="tile-meta">
                    {group.role ? <Badge tone="green">{t(`role.${group.role}`)}</Badge> : <Badge tone="grey">{t('role.admin')}</Badge>}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

export function GroupsPage() {
  const { t } = useI18n();
  const [groups, reload] = useResource(() => api.groups(), 'groups');
  useDocumentTitle(t('groups.title'));

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t('groups.title')}</h1>
          <p className="lead">{t('groups.lead')}</p>
        </div>
      </div>
      <GroupsSection groups={groups} reload={reload} />
    </>
  );
}
