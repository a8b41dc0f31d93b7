import { Fragment, useState } from 'react';
import type { SessionDto, UserDto } from '../../../../shared/api/auth.js';
import { api } from '../../api/endpoints.js';
import { useMe } from '../../app/session.js';
import { describeError } from '../../components/errors.js';
import { ActionsHeader, Alert, Badge, Button, Card, CheckboxField, Loading, TextField } from '../../components/ui.js';
import { useFormAction } from '../../hooks/useFormAction.js';
import { useResource } from '../../hooks/useResource.js';
import { useI18n } from '../../i18n/i18n.js';
import { formatTimestamp } from '../../lib/time.js';

function CreateUserForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useI18n();
  const { busy, error, onSubmit } = useFormAction(async (data, form) => {
    await api.createUser({
      name: String(data.get('name')),
      email: String(data.get('email')),
      password: String(data.get('password')),
      isAdmin: data.get('isAdmin') === 'on',
    });
    form.reset();
    onCreated();
  });

  return (
    <form className="form-grid form-grid-2" onSubmit={onSubmit} data-testid="create-user-form">
      {error && <Alert>{error}</Alert>}
      <TextField label={t('field.name')} name="name" required maxLength={200} />
      <TextField label={t('field.email')} name="email" type="email" dir="ltr" required autoComplete="off" />
      <TextField label={t('field.password')} name="password" type="password" dir="ltr" required minLength={8} autoComplete="new-password" hint={t('field.passwordHint')} />
      <CheckboxField label={t('users.isAdmin')} name="isAdmin" />
      <div className="form-actions">
        <Button type="submit" variant="primary" disabled={busy}>
          {t('users.create.submit')}
        </Button>
      </div>
    </form>
  );
}

function SessionsList({ user }: { user: UserDto }) {
  const { t, locale } = useI18n();
  const [sessions, reload] = useResource(() => api.userSessions(user.id), user.id);
  const [error, setError] = useState<string | null>(null);

  async function revoke(session: SessionDto) {
    try {
      await api.revokeSession(session.id);
      reload();
    } catch (e) {
      setError(describeError(e, t));
    }
  }

  if (sessions.status === 'loading') return <Loading label={t('common.loading')} />;
  if (sessions.status === 'error') return <Alert>{describeError(sessions.error, t)}</Alert>;
  if (sessions.data.length === 0) return <p className="muted">{t('users.sessions.none')}</p>;
  return (
    <>
      {error && <Alert>{error}</Alert>}
      <ul className="session-list">
        {sessions.data.map((session) => (
          <li key={session.id}>
            <span>{t('users.sessions.lastSeen', { when: formatTimestamp(session.lastSeenAt, locale) })}</span>
            <span className="muted">{t('users.sessions.expires', { when: formatTimestamp(session.expiresAt, locale) })}</span>
            <Button variant="danger" className="btn-small" onClick={() => void revoke(session)}>
              {t('users.sessions.revoke')}
            </Button>
          </li>
        ))}
      </ul>
    </>
  );
}

export function UsersPanel() {
  const { t, locale } = useI18n();
  const me = useMe();
  const [users, reload] = useResource(() => api.users(), 'users');
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function setDisabled(user: UserDto, disabled: boolean) {
    try {
      await api.updateUser(user.id, { disabled });
      setError(null);
      reload();
    } catch (e) {
      setError(describeError(e, t));
    }
  }

  return (
    <Card title={t('users.title')}>
      {error && <Alert>{error}</Alert>}
      {users.status === 'loading' && <Loading label={t('common.loading')} />}
      {users.status === 'error' && <Alert>{describeError(users.error, t)}</Alert>}
      {users.status === 'ready' && (
        <table className="table" data-testid="user-table">
          <thead>
            <tr>
              <th scope="col">{t('field.name')}</th>
              <th scope="col">{t('field.email')}</th>
              <th scope="col">{t('users.status')}</th>
              <th scope="col">{t('users.created')}</th>
              <ActionsHeader label={t('common.actions')} />
            </tr>
          </thead>
          <tbody>
            {users.data.map((user) => (
              <Fragment key={user.id}>
                <tr className={user.disabled ? 'row-disabled' : undefined}>
                  <td dir="auto">
                    {user.name} {user.isAdmin && <Badge tone="gold">{t('role.admin')}</Badge>}
                  </td>
                  <td dir="ltr" className="cell-email">
                    {user.email}
                  </td>
                  <td>{user.disabled ? <Badge tone="red">{t('users.disabled')}</Badge> : <Badge tone="green">{t('users.active')}</Badge>}</td>
                  <td>{formatTimestamp(user.createdAt, locale)}</td>
                  <td className="cell-actions">
                    <Button variant="quiet" className="btn-small" aria-expanded={open === user.id} onClick={() => setOpen(open === user.id ? null : user.id)}>
                      {t('users.sessions.show')}
                    </Button>
                    {user.id !== me.id && (
                      <Button variant={user.disabled ? 'secondary' : 'danger'} className="btn-small" onClick={() => void setDisabled(user, !user.disabled)}>
                        {user.disabled ? t('users.enable') : t('users.disable')}
                      </Button>
                    )}
                  </td>
                </tr>
                {open === user.id && (
                  <tr className="row-detail">
                    <td colSpan={5}>
                      <SessionsList user={user} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      <div className="card-section">
        <h3>{t('users.create.title')}</h3>
        <CreateUserForm onCreated={reload} />
      </div>
    </Card>
  );
}
