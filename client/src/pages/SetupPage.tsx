import { useState, type FormEvent } from 'react';
import { api } from '../api/endpoints.js';
import { useSession } from '../app/session.js';
import { describeError } from '../components/errors.js';
import { Alert, Button, TextField } from '../components/ui.js';
import { useI18n } from '../i18n/i18n.js';

/** First start: creates the first administrator (only while no user exists). */
export function SetupPage() {
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
      await api.setup({ email: String(data.get('email')), name: String(data.get('name')), password });
      await refresh();
    } catch (e) {
      setError(describeError(e, t, { 409: 'setup.alreadyDone' }));
      setBusy(false);
    }
  }

  return (
    <div className="auth-page">
      <form className="auth-card" onSubmit={(e) => void submit(e)}>
        <h1>{t('setup.title')}</h1>
        <p className="lead">{t('setup.lead')}</p>
        {error && <Alert>{error}</Alert>}
        <TextField label={t('field.name')} name="name" autoComplete="name" required maxLength={200} />
        <TextField label={t('field.email')} name="email" type="email" autoComplete="username" dir="ltr" required />
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
          {t('setup.submit')}
        </Button>
      </form>
    </div>
  );
}
