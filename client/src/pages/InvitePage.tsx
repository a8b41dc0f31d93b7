import { useState, type FormEvent } from 'react';
import { api } from '../api/endpoints.js';
import { navigate } from '../app/navigation.js';
import { paths } from '../app/routes.js';
import { useSession } from '../app/session.js';
import { describeError } from '../components/errors.js';
import { Alert, Button, TextField } from '../components/ui.js';
import { useI18n } from '../i18n/i18n.js';

/** `/invite/:token`: the invited person chooses a name and password and is signed in. */
export function InvitePage({ token }: { token: string }) {
  const { t } = useI18n();
  const { refresh } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const password = String(data.get('password'));
    if (password !== String(data.get('confirm'))) {
      setError(t('field.passwordMismatch'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.acceptInvitation(token, { name: String(data.get('name')), password });
      navigate(paths.groups(), { replace: true });
      await refresh();
    } catch (e) {
      setError(describeError(e, t, { 404: 'invite.invalid', 410: 'invite.invalid', 401: 'invite.invalid' }));
      setBusy(false);
    }
  }

  return (
    <div className="auth-page">
      <form className="auth-card" onSubmit={(e) => void submit(e)}>
        <h1>{t('invite.title')}</h1>
        <p className="lead">{t('invite.lead')}</p>
        {error && <Alert>{error}</Alert>}
        <TextField label={t('field.name')} name="name" autoComplete="name" required maxLength={200} />
        <TextField
          label={t('field.password')}
          name="password"
          type="password"
          autoComplete="new-password"
          dir="ltr"
          required
          minLength={8}
          hint={t('field.passwordHint')}
        />
        <TextField label={t('field.passwordConfirm')} name="confirm" type="password" autoComplete="new-password" dir="ltr" required minLength={8} />
        <Button type="submit" variant="primary" disabled={busy} className="btn-block">
          {t('invite.submit')}
        </Button>
      </form>
    </div>
  );
}
