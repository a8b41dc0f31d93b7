import { useState } from 'react';
import type { InvitationDto, OutstandingInvitationDto } from '../../../../shared/api/auth.js';
import { api } from '../../api/endpoints.js';
import { useConfirm } from '../../components/confirm.js';
import { describeError } from '../../components/errors.js';
import { Alert, Badge, Button, Card, CheckboxField, Loading, SelectField, TextField } from '../../components/ui.js';
import { useFormAction } from '../../hooks/useFormAction.js';
import { useResource, type Resource } from '../../hooks/useResource.js';
import { useI18n } from '../../i18n/i18n.js';
import { useDigits } from '../../lib/digits.js';
import { formatTimestamp } from '../../lib/time.js';
import { EmailAddress } from '../../components/EmailAddress.js';

const EXPIRY_HOURS = [24, 72, 168, 720] as const;

/** Invitations that can still be accepted, each revocable: a link sent to the wrong address is taken back here. */
function OutstandingInvitations({ invitations, reload }: { invitations: Resource<OutstandingInvitationDto[]>; reload: () => void }) {
  const { t, locale } = useI18n();
  const digits = useDigits();
  const confirm = useConfirm();
  const [error, setError] = useState<string | null>(null);

  async function revoke(invitation: OutstandingInvitationDto) {
    if (!(await confirm(t('invitations.confirmRevoke', { email: `\u2066${invitation.email}\u2069` }), { danger: true }))) return;
    try {
      await api.revokeInvitation(invitation.id);
      setError(null);
    } catch (e) {
      setError(describeError(e, t));
    }
    reload();
  }

  if (invitations.status === 'loading') return <Loading label={t('common.loading')} />;
  if (invitations.status === 'error') return <Alert>{describeError(invitations.error, t)}</Alert>;
  return (
    <>
      {error && <Alert>{error}</Alert>}
      {invitations.data.length === 0 ? (
        <p className="muted">{t('invitations.none')}</p>
      ) : (
        <ul className="session-list" data-testid="outstanding-invitations">
          {invitations.data.map((invitation) => (
            <li key={invitation.id} data-testid="outstanding-invitation" data-email={invitation.email}>
              <EmailAddress email={invitation.email} />
              {invitation.isAdmin && <Badge tone="gold">{t('role.admin')}</Badge>}
              <span className="muted">
                {t('invitations.by', { name: invitation.createdBy.name, when: formatTimestamp(invitation.expiresAt, locale, digits) })}
              </span>
              <Button variant="danger" className="btn-small" onClick={() => void revoke(invitation)}>
                {t('invitations.revoke')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function InvitationsPanel() {
  const { t, locale } = useI18n();
  const digits = useDigits();
  const [created, setCreated] = useState<InvitationDto | null>(null);
  // Here, not in the list: a new invitation reloads it in place (a new key would blank it first).
  const [invitations, reload] = useResource(() => api.invitations(), 'invitations');
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
    reload();
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
          <Alert tone="success">{t('invitations.created', { email: created.email, when: formatTimestamp(created.expiresAt, locale, digits) })}</Alert>
          <div className="copy-row">
            <input readOnly value={link} dir="ltr" aria-label={t('invitations.link')} data-testid="invitation-link" onFocus={(e) => e.currentTarget.select()} />
            <Button onClick={() => void copy()}>{copied ? t('invitations.copied') : t('invitations.copy')}</Button>
          </div>
        </div>
      )}
      <div className="card-section">
        <h3>{t('invitations.outstanding')}</h3>
        <OutstandingInvitations invitations={invitations} reload={reload} />
      </div>
    </Card>
  );
}
