import { Fragment, useMemo, useState } from 'react';
import type { SessionDto, UserDto } from '../../../../shared/api/auth.js';
import { api } from '../../api/endpoints.js';
import { useMe } from '../../app/session.js';
import { describeError } from '../../components/errors.js';
import { ActionsHeader, Alert, Badge, Button, Card, CheckboxField, Loading, TextField } from '../../components/ui.js';
import { useFormAction } from '../../hooks/useFormAction.js';
import { useResource } from '../../hooks/useResource.js';
import { useI18n } from '../../i18n/i18n.js';
import { useDigits } from '../../lib/digits.js';
import { formatNumber } from '../../lib/format.js';
import { PEOPLE_PAGE, pageOfPeople } from '../../lib/peopleFilter.js';
import { formatTimestamp } from '../../lib/time.js';
import { ManageUser } from './ManageUser.js';
import { inputDir } from '../../lib/inputDir.js';
import { useConfirm } from '../../components/confirm.js';
import { EmailAddress } from '../../components/EmailAddress.js';

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
  const digits = useDigits();
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
            <span>{t('users.sessions.lastSeen', { when: formatTimestamp(session.lastSeenAt, locale, digits) })}</span>
            <span className="muted">{t('users.sessions.expires', { when: formatTimestamp(session.expiresAt, locale, digits) })}</span>
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
  const digits = useDigits();
  const confirm = useConfirm();
  const me = useMe();
  const [users, reload] = useResource(() => api.users(), 'users');
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [limit, setLimit] = useState(PEOPLE_PAGE);
  // Newest first: the account just added is the one an admin looks for next.
  const newestFirst = useMemo(() => (users.status === 'ready' ? [...users.data].reverse() : []), [users]);
  const page = pageOfPeople(newestFirst, query, limit);

  async function setDisabled(user: UserDto, disabled: boolean) {
    if (disabled && !(await confirm(t('users.confirmDisable', { name: `\u2068${user.name}\u2069` }), { danger: true }))) return;
    try {
      await api.updateUser(user.id, { disabled });
      setError(null);
      reload();
    } catch (e) {
      setError(describeError(e, t));
    }
  }

  const labels = { name: t('field.name'), email: t('field.email'), status: t('users.status'), created: t('users.created') };
  return (
    <Card title={t('users.title')}>
      {error && <Alert>{error}</Alert>}
      {users.status === 'loading' && <Loading label={t('common.loading')} />}
      {users.status === 'error' && <Alert>{describeError(users.error, t)}</Alert>}
      {users.status === 'ready' && (
        <input
          type="search"
          className="account-search"
          aria-label={t('members.filter')}
          placeholder={t('members.filter')}
          value={query}
          dir={inputDir(query)}
          data-testid="user-search"
          onChange={(e) => {
            setQuery(e.target.value);
            setLimit(PEOPLE_PAGE);
          }}
        />
      )}
      {users.status === 'ready' && page.matched === 0 && <p className="muted">{t('members.noMatch')}</p>}
      {users.status === 'ready' && page.matched > 0 && (
        // On a phone each row becomes a card, its cells labelled (`data-label`).
        <table className="table user-table" data-testid="user-table">
          <thead>
            <tr>
              <th scope="col">{labels.name}</th>
              <th scope="col">{labels.email}</th>
              <th scope="col">{labels.status}</th>
              <th scope="col">{labels.created}</th>
              <ActionsHeader label={t('common.actions')} />
            </tr>
          </thead>
          <tbody>
            {page.shown.map((user) => (
              <Fragment key={user.id}>
                <tr className={user.disabled ? 'row-disabled' : undefined} data-testid="user-row" data-email={user.email}>
                  <td data-label={labels.name} className="cell-name">
                    <bdi dir="auto">{user.name}</bdi> {user.isAdmin && <Badge tone="gold">{t('role.admin')}</Badge>}
                    {user.id === me.id && <span className="muted"> ({t('users.you')})</span>}
                  </td>
                  <td data-label={labels.email} className="cell-email">
                    <EmailAddress email={user.email} />
                  </td>
                  <td data-label={labels.status}>
                    {user.disabled ? <Badge tone="red">{t('users.disabled')}</Badge> : <Badge tone="green">{t('users.active')}</Badge>}
                  </td>
                  <td data-label={labels.created}>{formatTimestamp(user.createdAt, locale, digits)}</td>
                  <td className="cell-actions">
                    {/* Manage last, at the cell's end: it lines up down the table, your own row (no Disable) included. */}
                    {user.id !== me.id && (
                      <Button variant={user.disabled ? 'secondary' : 'danger'} className="btn-small" data-testid="toggle-disabled" onClick={() => void setDisabled(user, !user.disabled)}>
                        {user.disabled ? t('users.enable') : t('users.disable')}
                      </Button>
                    )}
                    <Button
                      variant="quiet"
                      className="btn-small"
                      aria-expanded={open === user.id}
                      aria-label={t('users.manageOf', { name: user.name })}
                      data-testid="manage-user-toggle"
                      onClick={() => setOpen(open === user.id ? null : user.id)}
                    >
                      {t('users.manage')}
                    </Button>
                  </td>
                </tr>
                {open === user.id && (
                  <tr className="row-detail">
                    <td colSpan={5}>
                      <ManageUser user={user} isSelf={user.id === me.id} onChanged={reload} />
                      <h3 className="detail-heading">{t('users.sessions.show')}</h3>
                      <SessionsList user={user} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      {page.shown.length < page.matched && (
        <Button variant="quiet" data-testid="users-more" onClick={() => setLimit(limit + PEOPLE_PAGE)}>
          {t('users.more', { shown: formatNumber(page.shown.length, locale, digits), total: formatNumber(page.matched, locale, digits) })}
        </Button>
      )}
      <div className="card-section">
        <h3>{t('users.create.title')}</h3>
        <CreateUserForm onCreated={reload} />
      </div>
    </Card>
  );
}
