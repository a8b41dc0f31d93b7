import { api } from '../api/endpoints.js';
import { useSession } from '../app/session.js';
import { Alert, Button, TextField } from '../components/ui.js';
import { useFormAction } from '../hooks/useFormAction.js';
import { useDocumentTitle } from '../app/documentTitle.js';
import { useI18n } from '../i18n/i18n.js';

export function LoginPage({ expired }: { expired: boolean }) {
  const { t } = useI18n();
  useDocumentTitle(t('login.title'));
  const { refresh } = useSession();
  const { busy, error, onSubmit } = useFormAction(
    async (data) => {
      await api.login({ email: String(data.get('email')), password: String(data.get('password')) });
      await refresh();
    },
    { errors: { 401: 'login.invalid' }, busyAfterSuccess: true },
  );

  return (
    <div className="auth-page">
      <form className="auth-card" onSubmit={onSubmit} noValidate={false}>
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
