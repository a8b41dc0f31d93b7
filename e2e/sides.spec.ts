import { expect, test } from '@playwright/test';
import { ADMIN, Api, signedInContext, unique } from './support/api.js';

test('a secretary sets the sides of a group and makes a member the approver of a side', async ({ browser }) => {
  const admin = await Api.signIn(ADMIN);
  const group = await admin.createGroup('اللجنة التوجيهية المشتركة', unique('Joint steering group'));
  const head = await admin.createUser('kw-head', 'فهد عبدالله المطيري');
  await admin.setMember(group.id, head.id, 'delegate');
  const page = await (await signedInContext(browser, ADMIN)).newPage();
  await page.goto(`/groups/${group.id}`);

  await page.getByTestId('sides-edit').click();
  const form = page.getByTestId('sides-form');
  for (const [key, ar, en] of [['kw', 'الكويت', 'Kuwait'], ['uk', 'المملكة المتحدة', 'United Kingdom']]) {
    await form.getByRole('button', { name: 'إضافة جانب' }).click();
    const row = form.locator('fieldset').last();
    await row.getByLabel('الرمز').fill(key!);
    await row.getByLabel('الاسم بالعربية').fill(ar!);
    await row.getByLabel('الاسم بالإنجليزية').fill(en!);
  }
  await form.getByRole('button', { name: 'حفظ' }).click();
  await expect(page.getByTestId('sides')).toContainText('المملكة المتحدة');

  const row = page.getByTestId('member-table').locator('tr', { hasText: 'فهد عبدالله المطيري' });
  await row.getByTestId('member-side').selectOption('kw');
  await expect(row.getByTestId('member-approver')).toBeEnabled();
  // Controlled by the saved membership: checked once the server has it.
  await row.getByTestId('member-approver').click();
  await expect(row.getByTestId('member-approver')).toBeChecked();

  const members = (await (await admin.ctx.get(`/api/groups/${group.id}/members`)).json()) as { userId: string; side: string | null; approver: boolean }[];
  expect(members.find((m) => m.userId === head.id)).toMatchObject({ side: 'kw', approver: true });
  const saved = (await (await admin.ctx.get(`/api/groups/${group.id}`)).json()) as { sides: unknown };
  expect(saved.sides).toEqual([
    { key: 'kw', nameAr: 'الكويت', nameEn: 'Kuwait' },
    { key: 'uk', nameAr: 'المملكة المتحدة', nameEn: 'United Kingdom' },
  ]);
  await admin.dispose();
});
