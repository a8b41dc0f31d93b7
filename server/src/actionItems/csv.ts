import type { ActionItemDto } from '../../../shared/api/actionItems.js';
import type { Locale } from '../../../shared/api/auth.js';

const HEADERS: Record<Locale, string[]> = {
  ar: ['مجموعة العمل', 'الاجتماع', 'تاريخ الاجتماع', 'البند', 'المسؤول', 'تاريخ الاستحقاق', 'الحالة', 'متأخر', 'آخر تحديث'],
  en: ['Working group', 'Meeting', 'Meeting date', 'Task', 'Owner', 'Due', 'Status', 'Overdue', 'Updated'],
};
const STATUS: Record<Locale, Record<ActionItemDto['status'], string>> = {
  ar: { open: 'مفتوح', in_progress: 'قيد التنفيذ', done: 'منجز', cancelled: 'ملغى' },
  en: { open: 'Open', in_progress: 'In progress', done: 'Done', cancelled: 'Cancelled' },
};
const YES_NO: Record<Locale, [string, string]> = { ar: ['نعم', 'لا'], en: ['yes', 'no'] };

/**
 * One CSV cell. Quoted when needed; a leading = + - @ (or tab/CR) is defused with an
 * apostrophe so a spreadsheet never evaluates a delegate's text as a formula.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** UTF-8 with a BOM (spreadsheet programs then read Arabic correctly), CRLF line ends. */
export function actionItemsCsv(items: ActionItemDto[], locale: Locale): string {
  const rows = items.map((item) => [
    locale === 'ar' ? item.groupNameAr : item.groupNameEn,
    locale === 'ar' ? item.meetingTitleAr : item.meetingTitleEn,
    item.meetingStartsAt.slice(0, 10),
    item.text,
    item.owner,
    item.due,
    STATUS[locale][item.status],
    YES_NO[locale][item.overdue ? 0 : 1],
    item.updatedAt,
  ]);
  return '\uFEFF' + [HEADERS[locale], ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
