import { useState, type FormEvent } from 'react';
import type { InvitationDto } from '../../../../shared/api/auth.js';
import { api } from '../../api/endpoints.js';
import { describeError } from '../../components/errors.js';
import { Alert, Button, Card, CheckboxField, SelectField, TextField } from '../../components/ui.js';
import { useI18n } from '../../i18n/i18n.js';
import { formatTimestamp } from '../../lib/time.js';

const EXPIRY_HOURS = [24, 72, 168, 720] as const;

export function InvitationsPanel() {
  const { t, locale } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<InvitationDto | null>(null);
  const [copied, setCopied] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    setError(null);
    setCopied(false);
    try {
      setCreated(
        await api.createInvitation({
          email: String(data.get('email')),
          isAdmin: data.get('isAdmin') === 'on',
          expiresInHours: Number(data.get('expiresInHours')),
        }),
      );
      form.reset();
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  }

  const link = created ? new URL(created.path, window.location.origin).href : '';

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <Card title={t('invitations.title')}>
      <p className="muted">{t('invitations.lead')}</p>
      <form className="form-grid form-grid-2" onSubmit={(e) => void submit(e)} data-testid="create-invitation-form">
        {error && <Alert>{error}</Alert>}
        <TextField label={t('field.email')} name="email" type="email" dir="ltr" required autoComplete="off" />
        <SelectField label={t('invitations.expiresIn')} name="expiresInHours" defaultValue="72">
          {EXPIRY_HOURS.map((hours) => (
            <option key={hours} value={hours}>
              {t(`invitations.expiry.${hours}`)}
            </option>
          ))}
        </SelectField>
        <CheckboxField label={t('users.isAdmin')} name="isAdmin" />
        <div className="form-actions">
          <Button type="submit" variant="primary" disabled={busy}>
            {t('invitations.submit')}
          </Button>
        </div>
      </form>
      {created && (
        <div className="invite-result" data-testid="invitation-result">
          <Alert tone="success">{t('invitations.created', { email: created.email, when: formatTimestamp(created.expiresAt, locale) })}</Alert>
          <div className="copy-row">
            <input readOnly value={link} dir="ltr" aria-label={t('invitations.link')} data-testid="invitation-link" onFocus={(e) => e.currentTarget.select()} />
            <Button onClick={() => void copy()}>{copied ? t('invitations.copied') : t('invitations.copy')}</Button>
          </div>
        </div>
      )}
    </Card>
  );
}
