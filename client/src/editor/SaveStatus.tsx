import type { CollabSnapshot } from '../collab/collabConnection.js';
import type { MessageKey } from '../i18n/ar.js';
import { useI18n } from '../i18n/i18n.js';

const LABEL: Record<CollabSnapshot['state'], MessageKey> = {
  offline: 'status.offline',
  saving: 'status.saving',
  saved: 'status.saved',
  error: 'status.error',
};

/** What the state means for the user's edits; on a phone only screen readers say it (the bar is narrow). */
const DETAIL: Partial<Record<CollabSnapshot['state'], MessageKey>> = {
  offline: 'status.offlineDetail',
};

/** The always-visible save indicator (`data-state` = offline | saving | saved | error). */
export function SaveStatus({ snapshot, readOnly }: { snapshot: CollabSnapshot; readOnly: boolean }) {
  const { t } = useI18n();
  const key = snapshot.state === 'saved' && readOnly ? 'status.upToDate' : LABEL[snapshot.state];
  const detail = readOnly ? undefined : DETAIL[snapshot.state];
  return (
    <div className={`save-status save-status-${snapshot.state}`} data-testid="save-status" data-state={snapshot.state} role="status" aria-live="polite">
      <span className="save-status-dot" aria-hidden="true" />
      <span className="save-status-label">{t(key)}</span>
      {detail && <span className="save-status-detail"> — {t(detail)}</span>}
    </div>
  );
}
