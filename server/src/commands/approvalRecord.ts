import type { Side } from '../../../shared/api/groups.js';
import type { ApprovalRow } from '../../../db/queries/approvals.js';
import type { GroupRow } from '../../../db/queries/groups.js';
import type { ApprovalRecord, ApprovedAs } from '../../../db/queries/versions.js';

/** Each side, in the group's order, with the approvals given for it and the names as they are now. */
export function approvalRecordOf(sides: readonly Side[], approvals: readonly ApprovalRow[]): ApprovalRecord {
  return sides.map((side) => ({
    key: side.key,
    nameAr: side.nameAr,
    nameEn: side.nameEn,
    approvers: approvals.filter((a) => a.side === side.key).map((a) => ({ userId: a.userId, name: a.name, at: a.at.toISOString() })),
  }));
}

/** What minutes are approved as now: the group as it is, and its sides' approvals of the circulated version. */
export function approvedAsNow(group: Pick<GroupRow, 'nameAr' | 'nameEn' | 'digits' | 'sides'>, approvals: readonly ApprovalRow[]): ApprovedAs {
  return { group: { nameAr: group.nameAr, nameEn: group.nameEn, digits: group.digits }, sides: approvalRecordOf(group.sides, approvals) };
}
