import { api } from '../api/endpoints.js';
import { navigate } from '../app/navigation.js';
import { paths } from '../app/routes.js';
import { useSession } from '../app/session.js';
import { NewPasswordFields, passwordMismatch } from '../components/NewPasswordFields.js';
import { Alert, Button, TextField } from '../components/ui.js';
import { useFormAction } from '../hooks/useFormAction.js';
import { useDocumentTitle } from '../app/documentTitle.js';
import { useI18n } from '../i18n/i18n.js';

/** `/invite/:token`: the invited person chooses a name and password and is signed in. */
export function InvitePage({ token }: { token: string }) {
  const { t } = useI18n();
  useDocumentTitle(t('invite.title'));
  const { refresh } = useSession();
  const { busy, error, onSubmit } = useFormAction(
    async (data) => {
      await api.acceptInvitation(token, { name: String(data.get('name')), password: String(data.get('password')) });
      navigate(paths.home(), { replace: true });
      await refresh();
    },
    { check: passwordMismatch, errors: { 404: 'invite.invalid', 410: 'invite.invalid', 401: 'invite.invalid' }, busyAfterSuccess: true },
  );

  return (
    <div className="auth-page">
      <form className="auth-card" onSubmit={onSubmit}>
        <h1>{t('invite.title')}</h1>
        <p className="lead">{t('invite.lead')}</p>
        {error && <Alert>{error}</Alert>}
        <TextField label={t('field.name')} name="name" autoComplete="name" required maxLength={200} />
        <NewPasswordFields />
        <Button type="submit" variant="primary" disabled={busy} className="btn-block">
          {t('invite.submit')}
        </Button>
      </form>
    </div>
  );
}
