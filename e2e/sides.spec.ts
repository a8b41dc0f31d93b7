import { expect, test } from '@playwright/test';
import { ADMIN, Api, signedInContext, unique } from './support/api.js';
import { expectInside, overlappingText, settleAfterResize } from './support/layout.js';

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

test('a side being edited keeps its fields readable in the narrow column, in both languages, on a desktop and a phone', async ({ browser }, info) => {
  const admin = await Api.signIn(ADMIN);
  const group = await admin.createGroup('اللجنة التوجيهية المشتركة', unique('Joint steering group'));
  await admin.ctx.patch(`/api/groups/${group.id}`, { data: { sides: [{ key: 'kw', nameAr: 'الكويت', nameEn: 'Kuwait' }] } });
  // A secretary of its own: the interface follows this browser's language, no choice saved.
  const secretary = await admin.createUser('sides-secretary', 'مريم عبدالعزيز الصباح');
  await admin.setMember(group.id, secretary.id, 'secretary');
  for (const [lang, locale, add] of [['ar', 'ar-KW', 'إضافة جانب'], ['en', 'en-GB', 'Add a side']] as const) {
    const context = await signedInContext(browser, secretary, { viewport: { width: 1366, height: 800 }, locale });
    const page = await context.newPage();
    await page.goto(`/groups/${group.id}`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await page.getByTestId('sides-edit').click();
    const form = page.getByTestId('sides-form');
    await form.getByRole('button', { name: add }).click();
    const inputs = form.locator('fieldset').last().locator('input');
    await inputs.nth(0).fill('eu');
    await inputs.nth(1).fill('الاتحاد الأوروبي');
    await inputs.nth(2).fill('European Union');
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    for (const viewport of [{ width: 1366, height: 800 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(viewport);
      await settleAfterResize(page);
      const where = `${lang} @${viewport.width}`;
      // The Sides card sits in the group page's narrow column: a grid made for a wide card left
      // the key and the Arabic name 24 px wide, their labels run together, Remove spilt out of its box.
      for (const fieldset of await form.locator('fieldset').all()) {
        for (const input of await fieldset.locator('input').all()) {
          expect((await input.boundingBox())!.width, `${where}: an input of a side`).toBeGreaterThanOrEqual(120);
          await expectInside(input, fieldset, `${where}: an input of a side`);
        }
        await expectInside(fieldset.getByRole('button'), fieldset, `${where}: Remove`);
      }
      expect(await overlappingText(page, '[data-testid="sides-form"]'), where).toEqual([]);
      await form.screenshot({ path: info.outputPath(`sides-form-${lang}-${viewport.width}.png`) });
    }
    await context.close();
  }
  await admin.dispose();
});
