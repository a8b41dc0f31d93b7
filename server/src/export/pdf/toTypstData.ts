import type { JSONContent } from '@tiptap/core';
import type { MeetingDto } from '../../../../shared/api/meetings.js';
import { DEFAULT_DIGIT_POLICY, type DigitPolicy } from '../../../../shared/domain.js';
import { formatDay, formatNumber } from '../../../../shared/format/formatting.js';
import { hasAttendanceBlock, printableMinutes } from '../../minutes/printable.js';
import { annexData, type AnnexAmendment, type AnnexData } from './amendmentAnnex.js';
import { contentHash } from './contentHash.js';
import { mapBlocks, richText, type RichText, type TypstBlock } from './docToBlocks.js';
import { labelLanguage, pdfLabels, type PdfLabels } from './labels.js';
import { localTimestamp, meetingDateTime } from './meetingDates.js';
import type { Direction } from './textDirection.js';
import { cleanText, sanitizeText, textRuns } from './textRuns.js';

export interface PdfMinutesInput {
  meeting: Omit<MeetingDto, 'access'>;
  /** `digits`: the group's digit policy (Western when not given). */
  group: { nameAr: string; nameEn: string; digits?: DigitPolicy };
  /** ProseMirror JSON of the minutes, built with the shared schema. */
  doc: JSONContent;
  exportedAt: Date;
  /** Which version this is and, for an approved record, who approved it. */
  record?: PdfRecord;
  /** Open amendments for the annex (an export option); never printed on an approved record. */
  amendments?: AnnexAmendment[];
}

export interface PdfRecord {
  /** SHA-256 of the printed document's canonical JSON (known for a version, computed once otherwise). */
  sha256: string;
  /** The version printed, or null for a current text that no version holds. */
  versionNumber: number | null;
  approval: {
    versionNumber: number;
    sha256: string;
    sides: { side: string; approver: string; at: Date }[];
  } | null;
}

interface ApprovalBlock {
  version: string;
  hash: string;
  rows: { side: RichText; approver: RichText; at: string }[];
}

interface Attendee {
  name: RichText;
  title: RichText;
  role: RichText;
}

/** Everything minutes.typ prints, as JSON. User text only ever appears as string values here. */
export interface TypstData {
  /** Direction of the labels and of the page furniture. */
  dir: Direction;
  labels: PdfLabels;
  draft: boolean;
  /** Plain title for the PDF metadata. */
  docTitle: string;
  running: RichText;
  groupNames: RichText[];
  heading: string;
  titles: RichText[];
  facts: { label: string; value: RichText }[];
  attendance: { name: RichText; attendees: Attendee[] }[];
  /** Minutes made before the attendance block existed: the attendance is printed above them. */
  attendanceAtTop: boolean;
  /** Page numbers in Arabic-Indic digits. */
  arabicIndic: boolean;
  blocks: TypstBlock[];
  exportedAt: string;
  hash: string;
  /** "Version 3 — not approved": which record this is. */
  versionLine: string;
  approval: ApprovalBlock | null;
  annex: AnnexData | null;
}

/** Both languages for 'both', otherwise the meeting's one. */
function inLanguages<T>(language: PdfMinutesInput['meeting']['language'], ar: T, en: T): T[] {
  return language === 'both' ? [ar, en] : language === 'en' ? [en] : [ar];
}

function nonEmpty(values: string[]): string[] {
  const kept = values.map((v) => v.trim()).filter(Boolean);
  return kept.length > 0 ? kept : ['—'];
}

export function toTypstData(input: PdfMinutesInput): TypstData {
  const { meeting, group, doc, exportedAt } = input;
  const record = input.record ?? { sha256: null, versionNumber: null, approval: null };
  const lang = labelLanguage(meeting.language);
  const labels = pdfLabels(meeting.language);
  const dir: Direction = lang === 'ar' ? 'rtl' : 'ltr';
  const digits = group.digits ?? DEFAULT_DIGIT_POLICY;
  const number = (n: number) => formatNumber(n, lang, digits);
  const labelText = (text: string): RichText => ({ dir, c: textRuns(text) });

  const groupNames = nonEmpty(inLanguages(meeting.language, group.nameAr, group.nameEn));
  const titles = nonEmpty(inLanguages(meeting.language, meeting.titleAr, meeting.titleEn));
  const session = meeting.sessionNumber === null ? '' : `${labels.session} ${number(meeting.sessionNumber)}`;
  const heading = [labels.minutes, session].filter(Boolean).join(' — ');
  const when = meetingDateTime(new Date(meeting.startsAt), meeting.timeZone, lang, digits);
  const place = meeting.isVirtual
    ? [labels.virtual, meeting.place.trim()].filter(Boolean).join(' — ')
    : meeting.place.trim() || labels.none;

  // Without a record (a direct render), approved minutes are not marked as a draft.
  const draft = input.record ? record.approval === null : meeting.status !== 'approved';
  return {
    dir,
    labels,
    draft,
    docTitle: sanitizeText([labels.minutes, groupNames[0], titles[0]].join(' — ')),
    running: labelText([groupNames[0], session].filter(Boolean).join(' — ')),
    groupNames: groupNames.map((name) => richText(name, dir)),
    heading: cleanText(heading),
    titles: titles.map((title) => richText(title, dir)),
    facts: [
      { label: labels.date, value: labelText(when.date) },
      { label: labels.time, value: labelText(when.time) },
      { label: labels.place, value: richText(place, dir) },
    ],
    attendance: meeting.delegations.map((delegation) => ({
      name: richText(delegation.name, dir),
      attendees: delegation.attendees.map((a) => ({
        name: richText(a.name, dir),
        title: richText(a.title, dir),
        role: richText(a.role, dir),
      })),
    })),
    attendanceAtTop: !hasAttendanceBlock(doc),
    arabicIndic: lang === 'ar' && digits === 'arabic-indic',
    // The hash below is the stored document's; only the printing leaves empty sections out.
    blocks: mapBlocks([printableMinutes(doc, { hasAttendance: meeting.delegations.length > 0 })], {
      dir,
      labelDir: dir,
      labels,
      formatDue: (due) => formatDay(due, lang, digits),
    }),
    // One left-to-right unit, so it reads date, time, zone in an Arabic footer too.
    exportedAt: `\u2066${cleanText(localTimestamp(exportedAt, meeting.timeZone))}\u2069`,
    hash: record.sha256?.slice(0, 16) ?? contentHash(doc),
    versionLine: cleanText(versionLine(record, labels, number)),
    approval: record.approval && {
      version: number(record.approval.versionNumber),
      hash: record.approval.sha256.slice(0, 16),
      rows: record.approval.sides.map((s) => ({
        side: richText(s.side, dir),
        approver: richText(s.approver, dir),
        at: `\u2066${cleanText(localTimestamp(s.at, meeting.timeZone))}\u2069`,
      })),
    },
    annex: draft ? annexData(input.amendments, meeting.language, dir) : null,
  };
}

function versionLine(record: Pick<PdfRecord, 'versionNumber' | 'approval'>, labels: PdfLabels, number: (n: number) => string): string {
  // An approved record is always a version: only a version can be approved.
  if (record.versionNumber === null) return `${labels.currentText} — ${labels.currentNotApproved}`;
  return `${labels.version} ${number(record.versionNumber)} — ${record.approval ? labels.approved : labels.notApproved}`;
}
