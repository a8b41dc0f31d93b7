import { useState } from 'react';
import type { MeetingDto, MeetingStatus } from '../../../../shared/api/meetings.js';
import { api } from '../../api/endpoints.js';
import { Button } from '../../components/ui.js';
import type { MessageKey } from '../../i18n/ar.js';
import { useI18n } from '../../i18n/i18n.js';
import { approvalRefusal } from './amendments/ApprovalBlocked.js';
import { useConfirm } from '../../components/confirm.js';

interface Step {
  to: MeetingStatus;
  label: MessageKey;
  confirm?: MessageKey;
  primary?: boolean;
}

/** What a secretary may do next: draft → circulated → approved, and back to draft. */
const STEPS: Record<MeetingStatus, Step[]> = {
  draft: [
    { to: 'circulated', label: 'meeting.status.circulate' },
    { to: 'approved', label: 'meeting.status.approve', confirm: 'meeting.status.confirmApprove', primary: true },
  ],
  circulated: [
    { to: 'circulated', label: 'meeting.status.recirculate' },
    { to: 'draft', label: 'meeting.status.toDraft' },
    { to: 'approved', label: 'meeting.status.approve', confirm: 'meeting.status.confirmApprove', primary: true },
  ],
  approved: [{ to: 'draft', label: 'meeting.status.reopen', confirm: 'meeting.status.confirmReopen' }],
};

/**
 * Status buttons for secretaries (`PATCH {status}`); everyone sees the change live. In a group
 * with sides (`bySides`) the sides' approvers approve, not the secretary.
 */
export function StatusActions({ meeting, onChanged, bySides }: { meeting: MeetingDto; onChanged: (meeting: MeetingDto) => void; bySides: boolean }) {
  const { t } = useI18n();
  const confirm = useConfirm();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function change(step: Step) {
    if (step.confirm && !(await confirm(t(step.confirm)))) return;
    setBusy(true);
    setError(null);
    try {
      onChanged(await api.updateMeeting(meeting.id, { status: step.to }));
    } catch (e) {
      // A refused approval says why (open amendments: how many); other refusals as usual.
      setError(approvalRefusal(e, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="status-actions" role="group" aria-label={t('meeting.status.actions')}>
      {STEPS[meeting.status].filter((step) => !(bySides && step.to === 'approved')).map((step) => (
        <Button
          key={step.to}
          variant={step.primary ? 'primary' : 'secondary'}
          className="btn-small"
          disabled={busy}
          data-testid={`set-status-${step.to}`}
          onClick={() => void change(step)}
        >
          {t(step.label)}
        </Button>
      ))}
      {error && (
        <span className="inline-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
