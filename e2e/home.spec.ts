import { expect, test } from '@playwright/test';
import type { MeetingDto } from '../shared/api/meetings.js';
import { formatDay } from '../shared/format/formatting.js';
import { ADMIN, Api, isoDay, signedInContext, unique } from './support/api.js';
import { writeActionItems } from './support/minutes.js';

const SIDES = [
  { key: 'kw', nameAr: 'الكويت', nameEn: 'Kuwait' },
  { key: 'uk', nameAr: 'المملكة المتحدة', nameEn: 'United Kingdom' },
];

test('the home page lists my meetings and the open and overdue action items of me and my side, then my groups', async ({ browser }) => {
  const admin = await Api.signIn(ADMIN);
  const groupEn = unique('Defence working group');
  const group = (await (await admin.ctx.post('/api/groups', { data: { nameAr: 'مجموعة عمل الدفاع', nameEn: groupEn, sides: SIDES } })).json()) as { id: string };
  const member = await admin.createUser('home-member', 'نورة الصباح');
  await admin.ctx.put(`/api/groups/${group.id}/members/${member.id}`, { data: { role: 'delegate', side: 'kw' } });
  // Another group the member is not in: nothing of it may show.
  const other = await admin.createGroup('مجموعة الصحة', unique('Health'));

  const meeting = async (groupId: string, titleAr: string, titleEn: string, days: number) =>
    (await (
      await admin.ctx.post(`/api/groups/${groupId}/meetings`, {
        data: { titleAr, titleEn, startsAt: new Date(Date.now() + days * 86_400_000).toISOString(), sessionNumber: 16 },
      })
    ).json()) as MeetingDto;
  const next = await meeting(group.id, 'الاجتماع السابع عشر لمجموعة عمل الدفاع', 'Seventeenth meeting', 14);
  const last = await meeting(group.id, 'الاجتماع السادس عشر لمجموعة عمل الدفاع', 'Sixteenth meeting', -7);
  const foreign = await meeting(other.id, 'اجتماع الصحة', 'Health meeting', 3);

  await writeActionItems(admin.ctx, last.id, [
    { task: 'إعداد تقرير التمرين المشترك', owner: 'الكويت', due: isoDay(-3) },
    { task: 'Circulate the training calendar', owner: 'نورة الصباح', due: isoDay(10), status: 'in_progress' },
    { task: 'مهمة الجانب البريطاني', owner: 'United Kingdom', due: isoDay(-3) },
    { task: 'مهمة منجزة', owner: 'Kuwait', due: isoDay(-3), status: 'done' },
  ]);
  await writeActionItems(admin.ctx, foreign.id, [{ task: 'مهمة في مجموعة أخرى', owner: 'الكويت', due: isoDay(-1) }]);

  const context = await signedInContext(browser, member);
  const page = await context.newPage();
  await page.goto('/');
  await expect(page).toHaveTitle('محضر — الرئيسية');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('أهلًا، نورة الصباح');

  const upcoming = page.getByTestId('home-upcoming');
  await expect(upcoming.getByTestId('meeting-link')).toHaveCount(1);
  await expect(upcoming).toContainText(next.titleAr);
  const recent = page.getByTestId('home-recent');
  await expect(recent.getByTestId('meeting-link')).toHaveCount(1);
  await expect(recent).toContainText(last.titleAr);
  await expect(recent).toContainText('مسودة');
  await expect(page.getByText(foreign.titleAr)).toHaveCount(0);

  // Mine by my side's name (overdue, first) and by my name; not the other side's, not done ones.
  const items = page.getByTestId('home-item');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('إعداد تقرير التمرين المشترك');
  await expect(items.nth(0).getByTestId('home-item-overdue')).toHaveText('متأخر');
  await expect(items.nth(1)).toContainText('Circulate the training calendar');
  await expect(items.nth(1)).toContainText('قيد التنفيذ');
  await expect(page.getByTestId('home-items-summary')).toHaveText('بنود مفتوحة: ٢، منها متأخرة: ١');
  // The group writes Western digits (its default): its meetings' session numbers, dates and
  // times and its items' due dates are written so here too, as on its meeting pages and in its
  // PDFs; the counts above belong to no group and follow the Arabic interface.
  await expect(items.nth(0)).toContainText(`الاستحقاق: ${formatDay(isoDay(-3), 'ar', 'western', 'medium')}`);
  await expect(items.nth(1)).toContainText(`الاستحقاق: ${formatDay(isoDay(10), 'ar', 'western', 'medium')}`);
  for (const list of [upcoming, recent]) {
    const meta = list.locator('.meeting-row-meta');
    await expect(meta).toContainText('الجلسة 16');
    await expect(meta).not.toContainText(/[٠-٩]/);
  }
  // So does the tracker (every item of the group's meeting), whose count is the interface's.
  await page.getByRole('link', { name: 'كل بنود العمل' }).click();
  await expect(page.getByTestId('tracker-count')).toHaveText('عدد البنود: ٤');
  const dueCells = page.getByTestId('tracker-row').locator('.cell-due');
  await expect(dueCells).toHaveCount(4);
  await expect(dueCells.first()).toContainText(formatDay(isoDay(-3), 'ar', 'western', 'medium'));
  await expect(page.getByTestId('tracker-table')).not.toContainText(/[٠-٩]/);
  await page.getByTestId('nav-home').click();
  await expect(page.getByTestId('group-list')).toContainText('مجموعة عمل الدفاع');
  await expect(page.getByTestId('group-list').locator('li')).toHaveCount(1);

  // Every page has its own title, in the interface language.
  await recent.getByTestId('meeting-link').click();
  await expect(page).toHaveTitle('محضر — الاجتماع السادس عشر لمجموعة عمل الدفاع');
  await page.getByTestId('lang-switch').click();
  await expect(page).toHaveTitle('Mahdar — Sixteenth meeting');
  await page.getByTestId('nav-home').click();
  await expect(page).toHaveTitle('Mahdar — Home');
  await expect(page.getByRole('heading', { name: 'My action items' })).toBeVisible();
  await page.goto(`/groups/${group.id}`);
  await expect(page).toHaveTitle(`Mahdar — ${groupEn}`);

  await context.close();
  await admin.dispose();
});
