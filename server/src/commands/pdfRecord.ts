import type { JSONContent } from '@tiptap/core';
import type { MeetingLanguage } from '../../../shared/domain.js';
import { listApprovals } from '../../../db/queries/approvals.js';
import type { GroupRow } from '../../../db/queries/groups.js';
import type { MeetingRow } from '../../../db/queries/meetings.js';
import { circulatedVersionOf, latestVersionOfKind, latestVersionWithHash, type VersionRow } from '../../../db/queries/versions.js';
import type { AppContext } from '../context.js';
import type { PdfRecord } from '../export/pdf/toTypstData.js';
import { minutesSha256 } from '../minutes/snapshot.js';

function sideName(side: { nameAr: string; nameEn: string }, language: MeetingLanguage): string {
  return language === 'en' ? side.nameEn : language === 'ar' ? side.nameAr : `${side.nameAr} — ${side.nameEn}`;
}

/**
 * Which record a PDF prints: a version (its number), or the current text (the number of the
 * version that holds exactly it, if any); for an approved version, or the current text of
 * approved minutes, the approval: each side's approvers of the circulated version it fixed.
 */
export async function pdfRecord(ctx: AppContext, meeting: MeetingRow, group: GroupRow, version: VersionRow | null, doc: JSONContent): Promise<PdfRecord> {
  const sha256 = version?.sha256 ?? minutesSha256(doc);
  const shown = version ?? (await latestVersionWithHash(ctx.db.sql, meeting.id, sha256)) ?? null;
  const approved = version ? (version.kind === 'approved' ? version : null) : meeting.status === 'approved' ? await latestVersionOfKind(ctx.db.sql, meeting.id, 'approved') : null;
  if (!approved) return { sha256, versionNumber: shown?.number ?? null, approval: null };
  const circulated = await circulatedVersionOf(ctx.db.sql, approved);
  const approvals = circulated ? await listApprovals(ctx.db.sql, circulated.id) : [];
  const sides = group.sides.flatMap((side) =>
    approvals.filter((a) => a.side === side.key).map((a) => ({ side: sideName(side, meeting.language), approver: a.name, at: a.at })),
  );
  return { sha256, versionNumber: shown?.number ?? approved.number, approval: { versionNumber: approved.number, sha256: approved.sha256, sides } };
}
