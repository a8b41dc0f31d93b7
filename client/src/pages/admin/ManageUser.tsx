import { useState } from 'react';
import type { UserDto } from '../../../../shared/api/auth.js';
import { api } from '../../api/endpoints.js';
import { describeError } from '../../components/errors.js';
import { Alert, Button, TextField } from '../../components/ui.js';
import { useFormAction } from '../../hooks/useFormAction.js';
import { useI18n } from '../../i18n/i18n.js';
import { useConfirm } from '../../components/confirm.js';

function RenameForm({ user, onChanged }: { user: UserDto; onChanged: () => void }) {
  const { t } = useI18n();
  const [done, setDone] = useState(false);
  const { busy, error, onSubmit } = useFormAction(async (data) => {
    setDone(false);
    await api.updateUser(user.id, { name: String(data.get('name')) });
    setDone(true);
    onChanged();
  });
  return (
    <form className="inline-form" onSubmit={onSubmit} data-testid="rename-user-form">
      {error && <Alert>{error}</Alert>}
      {done && <Alert tone="success">{t('users.renamed')}</Alert>}
      <TextField label={t('field.name')} name="name" defaultValue={user.name} required maxLength={200} />
      <Button type="submit" disabled={busy}>
        {t('users.rename')}
      </Button>
    </form>
  );
}

function ResetPasswordForm({ user, onChanged }: { user: UserDto; onChanged: () => void }) {
  const { t } = useI18n();
  const [done, setDone] = useState(false);
  const { busy, error, onSubmit } = useFormAction(async (data, form) => {
    setDone(false);
    await api.updateUser(user.id, { password: String(data.get('password')) });
    form.reset();
    setDone(true);
    onChanged();
  });
  return (
    <form className="inline-form" onSubmit={onSubmit} data-testid="reset-password-form">
      {error && <Alert>{error}</Alert>}
      {done && <Alert tone="success">{t('users.passwordReset')}</Alert>}
      <TextField
        label={t('users.newPassword')}
        name="password"
        type="password"
        dir="ltr"
        required
        minLength={8}
        maxLength={1024}
        autoComplete="new-password"
        hint={t('field.passwordHint')}
      />
      <Button type="submit" disabled={busy}>
        {t('users.resetPassword')}
      </Button>
    </form>
  );
}

/** An account's details an admin changes: its name, a new password, admin rights (not one's own). */
export function ManageUser({ user, isSelf, onChanged }: { user: UserDto; isSelf: boolean; onChanged: () => void }) {
  const { t } = useI18n();
  const confirm = useConfirm();
  const [error, setError] = useState<string | null>(null);

  async function setAdmin(isAdmin: boolean) {
    if (!isAdmin && !(await confirm(t('users.confirmRevokeAdmin', { name: `\u2068${user.name}\u2069` }), { danger: true }))) return;
    try {
      await api.updateUser(user.id, { isAdmin });
      setError(null);
      onChanged();
    } catch (e) {
      setError(describeError(e, t));
    }
  }

  return (
    <div className="manage-user" data-testid="manage-user">
      <RenameForm user={user} onChanged={onChanged} />
      <ResetPasswordForm user={user} onChanged={onChanged} />
      {!isSelf && (
        <div className="manage-user-admin">
          {error && <Alert>{error}</Alert>}
          <Button variant={user.isAdmin ? 'danger' : 'secondary'} onClick={() => void setAdmin(!user.isAdmin)} data-testid="toggle-admin">
            {user.isAdmin ? t('users.revokeAdmin') : t('users.grantAdmin')}
          </Button>
        </div>
      )}
    </div>
  );
}
