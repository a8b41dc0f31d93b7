import { AMENDMENT_ERROR_CODES } from '../../../../../shared/api/amendmentErrors.js';
import { ApiError } from '../../../api/http.js';
import { describeError } from '../../../components/errors.js';
import { Alert } from '../../../components/ui.js';
import type { MessageKey } from '../../../i18n/ar.js';
import { useI18n, type I18n } from '../../../i18n/i18n.js';
import { useDigits } from '../../../lib/digits.js';
import { formatNumber } from '../../../lib/format.js';


/** Says that approval waits for the open amendments, and how many there are. */
export function AmendmentsBlockApproval({ count }: { count: number }) {
  const { t, locale } = useI18n();
  const digits = useDigits();
  return (
    <Alert tone="warning" testId="approval-blocked">
      {t('approval.blockedByAmendments', { n: formatNumber(count, locale, digits) })}
    </Alert>
  );
}

/** A refused approval in words: the open amendments' count when that was the reason, else as before. */
export function approvalRefusal(error: unknown, t: I18n['t'], overrides: Partial<Record<number, MessageKey>> = {}): string {
  if (error instanceof ApiError && error.status === 409 && error.code === AMENDMENT_ERROR_CODES.amendmentsOpen) {
    const count = error.params.count ?? /\d+/.exec(error.message)?.[0] ?? '?';
    return t('approval.blockedByAmendments', { n: count });
  }
  return describeError(error, t, overrides);
}
