import type { MeetingLanguage } from '../../../shared/domain.js';
import { listApprovals } from '../../../db/queries/approvals.js';
import type { GroupRow } from '../../../db/queries/groups.js';
import type { MeetingRow } from '../../../db/queries/meetings.js';
import { circulatedVersionOf, latestVersionOfKind, listVersions, type ApprovedAs, type VersionRow } from '../../../db/queries/versions.js';
import type { AppContext } from '../context.js';
import type { PdfRecordFacts } from '../export/pdf/renderJob.js';
import { approvedAsNow } from './approvalRecord.js';

export function sideName(side: { nameAr: string; nameEn: string }, language: MeetingLanguage): string {
  return language === 'en' ? side.nameEn : language === 'ar' ? side.nameAr : `${side.nameAr} — ${side.nameEn}`;
}

/** For minutes approved before versions kept what they were approved as: the group and names as they are now. */
async function approvedAsLive(ctx: AppContext, group: GroupRow, approved: VersionRow): Promise<ApprovedAs> {
  const circulated = await circulatedVersionOf(ctx.db.sql, approved);
  return approvedAsNow(group, circulated ? await listApprovals(ctx.db.sql, circulated.id) : []);
}

/**
 * What the database says of the record a PDF prints: a version (its number), or for the current
 * text the versions it may equal; for an approved version, or the current text of approved
 * minutes, the approval: each side's approvers of the circulated version it fixed, and the group
 * as it was then (its names head the record). Which version the current text is needs its hash,
 * which the renderer computes (`resolveRecord`).
 */
export async function pdfRecordFacts(
  ctx: AppContext,
  meeting: MeetingRow,
  group: GroupRow,
  version: VersionRow | null,
): Promise<{ record: PdfRecordFacts; group: ApprovedAs['group'] }> {
  const versions = version ? [] : (await listVersions(ctx.db.sql, meeting.id)).map((v) => ({ number: v.number, sha256: v.sha256 })).reverse();
  const approved = version ? (version.kind === 'approved' ? version : null) : meeting.status === 'approved' ? await latestVersionOfKind(ctx.db.sql, meeting.id, 'approved') : null;
  const facts = { version: version && { number: version.number, sha256: version.sha256 }, versions, approval: null };
  if (!approved) return { record: facts, group: { nameAr: group.nameAr, nameEn: group.nameEn, digits: group.digits } };
  const as = approved.approvedAs ?? (await approvedAsLive(ctx, group, approved));
  const sides = as.sides.flatMap((side) => side.approvers.map((a) => ({ side: sideName(side, meeting.language), approver: a.name, at: new Date(a.at) })));
  return { record: { ...facts, approval: { versionNumber: approved.number, sha256: approved.sha256, sides } }, group: as.group };
}
