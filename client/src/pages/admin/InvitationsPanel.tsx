import { useState } from 'react';
import type { InvitationDto } from '../../../../shared/api/auth.js';
import { api } from '../../api/endpoints.js';
import { Alert, Button, Card, CheckboxField, SelectField, TextField } from '../../components/ui.js';
import { useFormAction } from '../../hooks/useFormAction.js';
import { useI18n } from '../../i18n/i18n.js';
import { formatTimestamp } from '../../lib/time.js';

const EXPIRY_HOURS = [24, 72, 168, 720] as const;

export function InvitationsPanel() {
  const { t, locale } = useI18n();
  const [created, setCreated] = useState<InvitationDto | null>(null);
  const [copied, setCopied] = useState(false);
  const { busy, error, onSubmit } = useFormAction(async (data, form) => {
    setCopied(false);
    setCreated(
      await api.createInvitation({
        email: String(data.get('email')),
        isAdmin: data.get('isAdmin') === 'on',
        expiresInHours: Number(data.get('expiresInHours')),
      }),
    );
    form.reset();
  });

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
      <form className="form-grid form-grid-2" onSubmit={onSubmit} data-testid="create-invitation-form">
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
