import { useState, type FormEvent } from 'react';
import { api } from '../api/endpoints.js';
import { useSession } from '../app/session.js';
import { describeError } from '../components/errors.js';
import { Alert, Button, TextField } from '../components/ui.js';
import { useI18n } from '../i18n/i18n.js';

export function LoginPage({ expired }: { expired: boolean }) {
  const { t } = useI18n();
  const { refresh } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await api.login({ email: String(data.get('email')), password: String(data.get('password')) });
      await refresh();
    } catch (e) {
      setError(describeError(e, t, { 401: 'login.invalid' }));
      setBusy(false);
    }
  }

  return (
    <div className="auth-page">
      <form className="auth-card" onSubmit={(e) => void submit(e)} noValidate={false}>
        <h1>{t('login.title')}</h1>
        <p className="lead">{t('login.lead')}</p>
        {expired && <Alert tone="info">{t('login.expired')}</Alert>}
        {error && <Alert testId="login-error">{error}</Alert>}
        <TextField label={t('field.email')} name="email" type="email" autoComplete="username" dir="ltr" required data-testid="login-email" />
        <TextField
          label={t('field.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          dir="ltr"
          required
          data-testid="login-password"
        />
        <Button type="submit" variant="primary" disabled={busy} data-testid="login-submit" className="btn-block">
          {busy ? t('login.submitting') : t('login.submit')}
        </Button>
      </form>
    </div>
  );
}
