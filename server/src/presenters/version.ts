import type { ApprovalDto, VersionDto } from '../../../shared/api/versions.js';
import type { ApprovalRow } from '../../../db/queries/approvals.js';
import type { VersionRow } from '../../../db/queries/versions.js';

export function presentVersion(row: VersionRow): VersionDto {
  return {
    id: row.id,
    number: row.number,
    label: row.label,
    kind: row.kind,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdById ? { id: row.createdById, name: row.createdByName ?? '' } : null,
    sha256: row.sha256,
  };
}

export function presentApproval(row: ApprovalRow): ApprovalDto {
  return { side: row.side, userId: row.userId, name: row.name, versionId: row.versionId, sha256: row.sha256, at: row.at.toISOString() };
}
