import { useState } from 'react';
import type { MeetingAccess } from '../../../../../shared/api/meetings.js';
import { Alert, Badge, Button } from '../../../components/ui.js';
import { useI18n } from '../../../i18n/i18n.js';
import { useDigits } from '../../../lib/digits.js';
import { formatTimestamp } from '../../../lib/time.js';
import { amendmentsApi } from './amendmentsApi.js';
import { amendmentActions } from './annotationsState.js';
import { GoToText } from './GoToText.js';
import { TextForm } from './TextForm.js';
import type { AmendmentDto } from './types.js';
import { useAction } from './useAction.js';

const TONE = { open: 'gold', accepted: 'green', rejected: 'red', withdrawn: 'grey', outdated: 'grey' } as const;

export interface AmendmentItemProps {
  meetingId: string;
  amendment: AmendmentDto;
  sideName: string;
  tone: number;
  access: MeetingAccess;
  userId: string;
  onGo: (() => void) | null;
  onChanged: (a: AmendmentDto) => void;
}

/** One amendment in the margin: its words, side, author, rationale, status, and the decisions the caller may take. */
export function AmendmentItem({ meetingId, amendment: a, sideName, tone, access, userId, onGo, onChanged }: AmendmentItemProps) {
  const { t, locale } = useI18n();
  const digits = useDigits();
  const { busy, error, run } = useAction();
  const [rejecting, setRejecting] = useState(false);
  const actions = amendmentActions(a, access, userId);
  const label = t('amendment.fromSide', { side: sideName });
  return (
    <article className={`entry entry-amendment amend-tone-${tone}`} aria-label={label} data-testid="amendment" data-id={a.id} data-status={a.status}>
      <header className="entry-head">
        <span className="side-chip" dir="auto">
          {sideName}
        </span>
        <Badge tone={TONE[a.status]} testId="amendment-status">
          {t(`amendment.status.${a.status}`)}
        </Badge>
      </header>
      <GoToText label={a.quote || a.proposed} onGo={onGo} gone={a.status !== 'accepted'}>
        {a.quote && (
          <del dir="auto" className="entry-old">
            {a.quote}
          </del>
        )}
        {a.proposed ? (
          <ins dir="auto" className="entry-new" data-testid="amendment-proposed-text">
            {a.proposed}
          </ins>
        ) : (
          <span className="muted"> {t('amendment.deletion')}</span>
        )}
      </GoToText>
      {a.rationale && (
        <p className="entry-body" dir="auto">
          {a.rationale}
        </p>
      )}
      <p className="entry-meta muted">
        <bdi dir="auto">{t('amendment.author', { name: a.author.name })}</bdi> · {formatTimestamp(a.createdAt, locale, digits)}
        {a.decidedBy && (
          <>
            {' · '}
            <bdi dir="auto">{t('amendment.decided', { name: a.decidedBy.name })}</bdi>
          </>
        )}
      </p>
      {a.reason && (
        <p className="entry-body entry-reason" dir="auto" data-testid="amendment-reason">
          {t('amendment.reason', { reason: a.reason })}
        </p>
      )}
      {error && <Alert>{error}</Alert>}
      {rejecting ? (
        <TextForm
          label={t('amendment.rejectReason')}
          submitLabel={t('amendment.confirmReject')}
          danger
          busy={busy}
          testId="reject"
          onSubmit={(reason) =>
            void run(
              () => amendmentsApi.reject(meetingId, a.id, reason),
              (rejected) => {
                setRejecting(false);
                onChanged(rejected);
              },
            )
          }
          onCancel={() => setRejecting(false)}
        />
      ) : (
        (actions.decide || actions.withdraw) && (
          <div className="entry-actions">
            {actions.decide && (
              <>
                <Button variant="primary" className="btn-small" disabled={busy} onClick={() => void run(() => amendmentsApi.accept(meetingId, a.id), onChanged)} data-testid="amendment-accept">
                  {t('amendment.accept')}
                </Button>
                <Button variant="danger" className="btn-small" disabled={busy} onClick={() => setRejecting(true)} data-testid="amendment-reject">
                  {t('amendment.reject')}
                </Button>
              </>
            )}
            {actions.withdraw && (
              <Button variant="quiet" className="btn-small" disabled={busy} onClick={() => void run(() => amendmentsApi.withdraw(meetingId, a.id), onChanged)} data-testid="amendment-withdraw">
                {t('amendment.withdraw')}
              </Button>
            )}
          </div>
        )
      )}
    </article>
  );
}
