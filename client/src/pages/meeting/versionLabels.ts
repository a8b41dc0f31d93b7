import type { VersionDto } from '../../../../shared/api/versions.js';
import type { MessageKey } from '../../i18n/ar.js';

/** The first 16 hex digits: what the PDF and the approval panel show of a version's hash. */
export const hashPrefix = (sha256: string) => sha256.slice(0, 16);

export const KIND_TONE = { manual: 'grey', circulated: 'neutral', approved: 'green', restored: 'gold' } as const;

/** A version's label as shown: its own, or what it was restored from / which version it approves. */
export function versionTitle(version: VersionDto, t: (key: MessageKey, params?: Record<string, string | number>) => string): string {
  if (version.kind === 'restored') return t('history.restoredFrom', { n: version.label });
  // Approved by the sides: the label is the circulated version it fixed; by a secretary: empty.
  if (version.kind === 'approved') return version.label ? t('history.approvedOf', { n: version.label }) : '';
  return version.label;
}
