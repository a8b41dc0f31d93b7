import { api } from '../api/endpoints.js';
import { useSession } from '../app/session.js';
import { NewPasswordFields, passwordMismatch } from '../components/NewPasswordFields.js';
import { Alert, Button, TextField } from '../components/ui.js';
import { useFormAction } from '../hooks/useFormAction.js';
import { useDocumentTitle } from '../app/documentTitle.js';
import { useI18n } from '../i18n/i18n.js';

/** First start: creates the first administrator (only while no user exists). */
export function SetupPage() {
  const { t } = useI18n();
  useDocumentTitle(t('setup.title'));
  const { refresh } = useSession();
  const { busy, error, onSubmit } = useFormAction(
    async (data) => {
      await api.setup({ email: String(data.get('email')), name: String(data.get('name')), password: String(data.get('password')) });
      await refresh();
    },
    { check: passwordMismatch, errors: { 409: 'setup.alreadyDone' }, busyAfterSuccess: true },
  );

  return (
    <div className="auth-page">
      <form className="auth-card" onSubmit={onSubmit}>
        <h1>{t('setup.title')}</h1>
        <p className="lead">{t('setup.lead')}</p>
        {error && <Alert>{error}</Alert>}
        <TextField label={t('field.name')} name="name" autoComplete="name" required maxLength={200} />
        <TextField label={t('field.email')} name="email" type="email" autoComplete="username" dir="ltr" required />
        <NewPasswordFields />
        <Button type="submit" variant="primary" disabled={busy} className="btn-block">
          {t('setup.submit')}
        </Button>
      </form>
    </div>
  );
}
