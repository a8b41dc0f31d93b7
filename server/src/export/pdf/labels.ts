import type { ActionItemStatus } from '../../../../shared/editor/nodes/actionItem.js';
import type { MeetingLanguage } from '../../../../shared/api/meetings.js';

/** Fixed strings of the PDF in one language. User text never goes here. */
export interface PdfLabels {
  minutes: string;
  session: string;
  date: string;
  time: string;
  place: string;
  virtual: string;
  attendance: string;
  attendeeName: string;
  attendeeTitle: string;
  attendeeRole: string;
  task: string;
  owner: string;
  due: string;
  status: string;
  page: string;
  pageOf: string;
  exportedAt: string;
  contentHash: string;
  /** Bilingual on purpose: a reader of either language must see it. */
  draft: string;
  none: string;
  version: string;
  currentText: string;
  /** Of a version (النسخة, feminine in Arabic). */
  notApproved: string;
  /** Of the current text (النص, masculine). */
  currentNotApproved: string;
  approved: string;
  approvalTitle: string;
  side: string;
  approver: string;
  approvedAt: string;
  approvedVersion: string;
  statuses: Record<ActionItemStatus, string>;
}

const DRAFT = 'مسودة / DRAFT';

const AR: PdfLabels = {
  minutes: 'محضر اجتماع',
  session: 'الجلسة',
  date: 'التاريخ',
  time: 'الوقت',
  place: 'المكان',
  virtual: 'افتراضي',
  attendance: 'الحضور',
  attendeeName: 'الاسم',
  attendeeTitle: 'المنصب',
  attendeeRole: 'الصفة',
  task: 'المهمة',
  owner: 'المسؤول',
  due: 'تاريخ الاستحقاق',
  status: 'الحالة',
  page: 'صفحة',
  pageOf: 'من',
  exportedAt: 'تاريخ التصدير:',
  contentHash: 'بصمة المحتوى:',
  draft: DRAFT,
  none: '—',
  version: 'النسخة',
  currentText: 'النص الحالي',
  notApproved: 'غير معتمدة',
  currentNotApproved: 'غير معتمد',
  approved: 'معتمدة',
  approvalTitle: 'اعتماد المحضر',
  side: 'الجانب',
  approver: 'المعتمِد',
  approvedAt: 'التاريخ والوقت',
  approvedVersion: 'النسخة المعتمدة:',
  statuses: { open: 'مفتوح', in_progress: 'قيد التنفيذ', done: 'منجز', cancelled: 'ملغى' },
};

const EN: PdfLabels = {
  minutes: 'Minutes of meeting',
  session: 'Session',
  date: 'Date',
  time: 'Time',
  place: 'Place',
  virtual: 'Virtual',
  attendance: 'Attendance',
  attendeeName: 'Name',
  attendeeTitle: 'Title',
  attendeeRole: 'Role',
  task: 'Task',
  owner: 'Owner',
  due: 'Due date',
  status: 'Status',
  page: 'Page',
  pageOf: 'of',
  exportedAt: 'Exported:',
  contentHash: 'Content hash:',
  draft: DRAFT,
  none: '—',
  version: 'Version',
  currentText: 'Current text',
  notApproved: 'not approved',
  currentNotApproved: 'not approved',
  approved: 'approved',
  approvalTitle: 'Approval of the minutes',
  side: 'Side',
  approver: 'Approved by',
  approvedAt: 'Date and time',
  approvedVersion: 'Approved version:',
  statuses: { open: 'Open', in_progress: 'In progress', done: 'Done', cancelled: 'Cancelled' },
};

/** Label language of the PDF: Arabic unless the meeting is English only. */
export function labelLanguage(language: MeetingLanguage): 'ar' | 'en' {
  return language === 'en' ? 'en' : 'ar';
}

export function pdfLabels(language: MeetingLanguage): PdfLabels {
  return labelLanguage(language) === 'en' ? EN : AR;
}
