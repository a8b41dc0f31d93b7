import type { VersionKind } from '../../shared/api/versions.js';
import type { DigitPolicy } from '../../shared/domain.js';
import { isUuid } from '../../shared/ids.js';
import type { Fragment } from 'postgres';
import type { Queryable } from '../client.js';

export interface VersionRow {
  id: string;
  meetingId: string;
  number: number;
  label: string;
  kind: VersionKind;
  createdAt: Date;
  createdById: string | null;
  createdByName: string | null;
  sha256: string;
  /** For an approved version: what it was approved as (null if approved before this was kept). */
  approvedAs: ApprovedAs | null;
}

/** Each side, in the group's order, with the people who approved for it. */
export type ApprovalRecord = { key: string; nameAr: string; nameEn: string; approvers: { userId: string; name: string; at: string }[] }[];

/** The group and the approval as they stood when the minutes were approved (the approved PDF prints these). */
export interface ApprovedAs {
  group: { nameAr: string; nameEn: string; digits: DigitPolicy };
  sides: ApprovalRecord;
}

export interface NewVersion {
  meetingId: string;
  label: string;
  kind: VersionKind;
  createdBy: string | null;
  sha256: string;
  state: Uint8Array;
  /** Canonical JSON (RFC 8785) of the ProseMirror document. */
  content: string;
  approvedAs?: ApprovedAs;
}

/** Versions (with their author's name) matching `where`, highest number first or as `order` says. */
function selectVersions(db: Queryable, where: Fragment, order: Fragment = db`v.number desc`, limit = 1000) {
  return db<VersionRow[]>`
    select v.id, v.meeting_id, v.number, v.label, v.kind, v.created_at, v.created_by as created_by_id, u.name as created_by_name, v.sha256, v.approved_as
    from minutes_versions v left join users u on u.id = v.created_by
    where ${where} order by ${order} limit ${limit}`;
}

/** Numbers follow each other per meeting: the meeting row is locked while the next is taken. */
export async function insertVersion(db: Queryable, input: NewVersion): Promise<VersionRow> {
  await db`select 1 from meetings where id = ${input.meetingId} for update`;
  const [row] = await db<{ id: string }[]>`
    insert into minutes_versions (meeting_id, number, label, kind, created_by, sha256, state, content, approved_as)
    values (${input.meetingId},
            (select coalesce(max(number), 0) + 1 from minutes_versions where meeting_id = ${input.meetingId}),
            ${input.label}, ${input.kind}, ${input.createdBy}, ${input.sha256}, ${input.state}, ${input.content},
            ${input.approvedAs ? db.json(input.approvedAs as never) : null})
    returning id`;
  return (await findVersion(db, input.meetingId, row!.id))!;
}

export async function listVersions(db: Queryable, meetingId: string): Promise<VersionRow[]> {
  return selectVersions(db, db`v.meeting_id = ${meetingId}`, db`v.number`);
}

export async function findVersion(db: Queryable, meetingId: string, id: string): Promise<VersionRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await selectVersions(db, db`v.meeting_id = ${meetingId} and v.id = ${id}`);
  return row;
}

export async function latestVersionOfKind(db: Queryable, meetingId: string, kind: VersionKind): Promise<VersionRow | undefined> {
  const [row] = await selectVersions(db, db`v.meeting_id = ${meetingId} and v.kind = ${kind}`, undefined, 1);
  return row;
}

export async function versionContent(db: Queryable, id: string): Promise<{ content: string; state: Uint8Array } | undefined> {
  const [row] = await db<{ content: string; state: Uint8Array }[]>`select content, state from minutes_versions where id = ${id}`;
  return row;
}

/** The circulated version an approved one fixed: the latest circulated before it with the same text. */
export async function circulatedVersionOf(db: Queryable, approved: VersionRow): Promise<VersionRow | undefined> {
  const where = db`v.meeting_id = ${approved.meetingId} and v.kind = 'circulated' and v.sha256 = ${approved.sha256} and v.number < ${approved.number}`;
  const [row] = await selectVersions(db, where, undefined, 1);
  return row;
}

/** The number of the latest version holding exactly this text, if any. */
export async function latestVersionWithHash(db: Queryable, meetingId: string, sha256: string): Promise<VersionRow | undefined> {
  const [row] = await selectVersions(db, db`v.meeting_id = ${meetingId} and v.sha256 = ${sha256}`, undefined, 1);
  return row;
}
