import { describe, expect, it } from 'vitest';
import type { ActionItemDto } from '../../../shared/api/actionItems.js';
import { actionItemsCsv, csvCell } from './csv.js';

const item: ActionItemDto = {
  id: '11111111-1111-4111-8111-111111111111',
  meetingId: 'm',
  groupId: 'g',
  text: 'إعداد خطة "مقاتل الصحراء", المرحلة 2',
  owner: '=HYPERLINK("x")',
  ownerUserId: null,
  due: '2027-01-15',
  status: 'in_progress',
  updatedAt: '2026-11-28T10:00:00.000Z',
  overdue: false,
  meetingStatus: 'draft',
  meetingTitleAr: 'الاجتماع السادس عشر',
  meetingTitleEn: 'Sixteenth meeting',
  meetingStartsAt: '2026-12-02T07:00:00.000Z',
  groupNameAr: 'مجموعة الدفاع',
  groupNameEn: 'Defence',
  groupDigits: 'western',
};

describe('action items CSV', () => {
  it('starts with a UTF-8 BOM and keeps Arabic, quotes and commas intact', () => {
    const csv = actionItemsCsv([item], 'ar');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header, row] = csv.slice(1).split('\r\n');
    expect(header).toBe('مجموعة العمل,الاجتماع,تاريخ الاجتماع,البند,المسؤول,تاريخ الاستحقاق,الحالة,متأخر,آخر تحديث');
    expect(row).toContain('"إعداد خطة ""مقاتل الصحراء"", المرحلة 2"');
    expect(row).toContain('قيد التنفيذ');
  });

  it('never lets a cell start a formula', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(actionItemsCsv([item], 'en')).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
