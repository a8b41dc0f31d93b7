import { useEffect, useState } from 'react';
import type { MeetingDto } from '../../../../shared/api/meetings.js';
import { api } from '../../api/endpoints.js';
import { useMe } from '../../app/session.js';
import { Alert, Badge, Button, Card } from '../../components/ui.js';
import { useResource } from '../../hooks/useResource.js';
import { useI18n } from '../../i18n/i18n.js';
import { useDigits } from '../../lib/digits.js';
import { formatNumber } from '../../lib/format.js';
import { formatTimestamp } from '../../lib/time.js';
import { useVersionEvents, type AppSocket } from '../../realtime/socket.js';
import { AmendmentsBlockApproval, approvalRefusal } from './amendments/ApprovalBlocked.js';
import { approverActions, sideState } from './approvalState.js';
import { hashPrefix } from './versionLabels.js';
import { useConfirm } from '../../components/confirm.js';

const TONE = { waiting: 'grey', approved: 'green', stale: 'red' } as const;

/**
 * Each side's agreement to the circulated version (waiting, approved by whom and when, stale),
 * and for its approvers the button that approves exactly that version. Shown in groups with sides.
 */
export function ApprovalPanel({ meeting, socket, openAmendments = 0 }: { meeting: MeetingDto; socket: AppSocket | null; openAmendments?: number }) {
  const { t, locale } = useI18n();
  const confirm = useConfirm();
  const digits = useDigits();
  const me = useMe();
  const [circulation, reload] = useResource(() => api.circulation(meeting.id), meeting.id);
  useVersionEvents(socket, meeting.id, reload);
  useEffect(reload, [meeting.status, reload]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (circulation.status !== 'ready' || circulation.data.sides.length === 0) return null;
  const c = circulation.data;
  const actions = approverActions(c, meeting.status, me.id);

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
      reload();
    } catch (e) {
      setError(approvalRefusal(e, t, { 409: 'approval.conflict' }));
    } finally {
      setBusy(false);
    }
  }
  const version = c.version;
  const what = version ? t('approval.what', { n: formatNumber(version.number, locale, digits), hash: hashPrefix(version.sha256) }) : '';

  return (
    <Card title={t('approval.title')} className="approval-panel">
      <div data-testid="approval-panel">
        {error && <Alert>{error}</Alert>}
        {openAmendments > 0 && meeting.status !== 'approved' && <AmendmentsBlockApproval count={openAmendments} />}
        {!version || meeting.status === 'draft' ? (
          <p className="muted">{t('approval.notCirculated')}</p>
        ) : (
          <p data-testid="approval-version">
            {what} {c.stale && meeting.status === 'circulated' && <Badge tone="red">{t('approval.staleVersion')}</Badge>}
          </p>
        )}
        <ul className="side-list">
          {c.sides.map((side) => {
            const s = meeting.status === 'draft' ? ({ state: 'waiting' } as const) : sideState(side, c.stale, meeting.status);
            return (
              <li key={side.key} className="side-row" data-testid="side" data-side={side.key} data-state={s.state}>
                <bdi className="side-name" dir="auto">
                  {locale === 'ar' ? side.nameAr : side.nameEn}
                </bdi>
                <Badge tone={TONE[s.state]}>{t(`approval.state.${s.state}`)}</Badge>
                {s.state !== 'waiting' && (
                  <span className="muted">
                    <bdi dir="auto">{s.by}</bdi> · {formatTimestamp(s.at, locale, digits)}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
        {actions.approve && version && (
          <Button
            variant="primary"
            className="approve-button"
            disabled={busy}
            data-testid="approve-version"
            onClick={() =>
              void confirm(t('approval.confirm', { what })).then((yes) => {
                if (yes) void run(() => api.approve(meeting.id, version.id));
              })
            }
          >
            {/* Two pieces: a narrow card breaks the label between them, the hash staying with its version. */}
            <span>{t('approval.approve')} —</span> <span>{what}</span>
          </Button>
        )}
        {actions.withdraw && (
          <Button variant="quiet" disabled={busy} data-testid="withdraw-approval" onClick={() => void run(() => api.withdrawApproval(meeting.id))}>
            {t('approval.withdraw')}
          </Button>
        )}
      </div>
    </Card>
  );
}
