import { expect, test, type Page } from '@playwright/test';
import { ADMIN, Api, signedInContext, unique, answerQuestion } from './support/api.js';

/** The accounts table stays within the screen (the page's header is the layout work's). */
async function tableFits(page: Page) {
  return page.getByTestId('user-table').evaluate((table) => {
    const box = table.getBoundingClientRect();
    return box.left >= 0 && box.right <= window.innerWidth && table.scrollWidth <= table.clientWidth + 1;
  });
}

test('an admin renames a user, sets a new password, grants and removes admin rights and disables the account', async ({ browser }) => {
  const admin = await Api.signIn(ADMIN);
  const user = await admin.createUser('managed', 'Fatima Al-Sabah');
  const context = await signedInContext(browser, ADMIN);
  const page = await context.newPage();
  await page.goto('/admin');
  await expect(page).toHaveTitle('محضر — الإدارة');
  const row = page.getByTestId('user-row').and(page.locator(`[data-email="${user.email}"]`));
  // Manage stands at the same place on every row, the admin's own (which has no Disable) too;
  // the accounts are listed oldest first, so the admin's is on the first page.
  const own = page.getByTestId('user-row').and(page.locator(`[data-email="${ADMIN.email}"]`));
  await expect(own).toBeVisible();
  const manageEnds = await page.getByTestId('manage-user-toggle').evaluateAll((buttons) =>
    buttons.map((b) => Math.round(getComputedStyle(b).direction === 'rtl' ? b.getBoundingClientRect().left : b.getBoundingClientRect().right)),
  );
  expect(manageEnds.length).toBeGreaterThan(1);
  expect(new Set(manageEnds).size, `inline ends of the Manage buttons: ${manageEnds.join(', ')}`).toBe(1);
  await row.getByTestId('manage-user-toggle').click();
  const manage = page.getByTestId('manage-user');

  const rename = manage.getByTestId('rename-user-form');
  await rename.getByLabel('الاسم').fill('فاطمة الصباح');
  await rename.getByRole('button', { name: 'تغيير الاسم' }).click();
  await expect(row).toContainText('فاطمة الصباح');

  const reset = manage.getByTestId('reset-password-form');
  await reset.getByLabel('كلمة المرور الجديدة').fill('a-brand-new-password');
  await reset.getByRole('button', { name: 'تعيين كلمة مرور جديدة' }).click();
  await expect(reset.getByRole('status')).toContainText('عُيّنت كلمة المرور الجديدة');
  const withNew = await Api.signIn({ email: user.email, password: 'a-brand-new-password' });
  expect((await (await withNew.ctx.get('/api/me')).json()).name).toBe('فاطمة الصباح');

  await manage.getByTestId('toggle-admin').click();
  await expect(row).toContainText('مسؤول');
  expect((await (await withNew.ctx.get('/api/me')).json()).isAdmin).toBe(true);
  await manage.getByTestId('toggle-admin').click();
  // A destructive question: Cancel is the answer focused first, so Enter does not go ahead.
  await expect(page.getByTestId('confirm-no')).toBeFocused();
  expect(await answerQuestion(page)).toContain('إلغاء صلاحية المسؤول عن');
  await expect(manage.getByTestId('toggle-admin')).toHaveText('منح صلاحية المسؤول');
  expect((await (await withNew.ctx.get('/api/me')).json()).isAdmin).toBe(false);

  // The search finds a name typed without its tā' marbūṭa, and an account by its email.
  await page.getByTestId('user-search').fill('فاطمه الصب');
  await expect(row).toBeVisible();
  await expect(page.getByTestId('user-row').and(page.locator(`[data-email="${ADMIN.email}"]`))).toHaveCount(0);
  await page.getByTestId('user-search').fill(ADMIN.email);
  // An admin cannot take away their own rights: no such button on their own account.
  await expect(own).toBeVisible();
  await expect(own.getByTestId('toggle-disabled')).toHaveCount(0);
  await page.getByTestId('user-search').fill(user.email);

  await row.getByTestId('toggle-disabled').click();
  await answerQuestion(page);
  await expect(row).toContainText('معطَّل');
  expect((await withNew.ctx.get('/api/me')).status()).toBe(401);
  expect((await page.request.post('/api/auth/login', { data: { email: user.email, password: 'a-brand-new-password' } })).status()).toBe(401);

  // On a phone the accounts are cards, none wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => row.evaluate((tr) => getComputedStyle(tr).display)).toBe('block');
  expect(await tableFits(page)).toBe(true);
  const email = row.locator('.cell-email bdi');
  expect(await email.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);

  await withNew.dispose();
  await context.close();
  await admin.dispose();
});

test('the last secretary of a group is shown as such and cannot be removed; the member picker shows whole addresses', async ({ browser }) => {
  const admin = await Api.signIn(ADMIN);
  const group = await admin.createGroup('مجموعة عمل الطيران', unique('Aviation'));
  const secretary = await admin.createUser('only-secretary', 'مريم الكندري');
  await admin.setMember(group.id, secretary.id, 'secretary');
  const longName = await admin.createUser('a-delegate-with-a-rather-long-address-at-the-ministry', 'Oliver Hughes');

  const context = await signedInContext(browser, secretary);
  const page = await context.newPage();
  await page.goto(`/groups/${group.id}`);
  const row = page.getByTestId('member-table').locator('tr', { hasText: secretary.email });
  await expect(row.getByTestId('last-secretary-note')).toHaveText('آخر أمين سر في المجموعة: لا يمكن إزالته أو تغيير دوره قبل تعيين أمين سر آخر.');
  await expect(row.getByRole('button', { name: 'إزالة' })).toBeDisabled();
  await expect(row.locator('select option[value="delegate"]')).toBeDisabled();
  // The server refuses it too, in the interface's words.
  const refused = await page.request.delete(`/api/groups/${group.id}/members/${secretary.id}`, { headers: { origin: new URL(page.url()).origin } });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.code).toBe('last_secretary');
  await context.close();

  // An admin adding a member on a phone sees each account's whole email address.
  const adminContext = await signedInContext(browser, ADMIN, { viewport: { width: 390, height: 844 } });
  const adminPage = await adminContext.newPage();
  await adminPage.goto(`/groups/${group.id}`);
  const option = adminPage.getByTestId('add-member-user').getByRole('radio', { name: longName.email });
  await option.scrollIntoViewIfNeeded();
  const email = adminPage.getByTestId('add-member-user').locator('.account-email', { hasText: longName.email });
  await expect(email).toHaveText(longName.email);
  const box = await email.evaluate((el) => ({ fits: el.scrollWidth <= el.clientWidth + 1, right: el.getBoundingClientRect().right, left: el.getBoundingClientRect().left }));
  expect(box.fits).toBe(true);
  expect(box.left).toBeGreaterThanOrEqual(0);
  expect(box.right).toBeLessThanOrEqual(390);
  await adminContext.close();
  await admin.dispose();
});

test('a directory longer than a page: the admin page draws 100 accounts and shows more on request; the member picker asks to narrow the search', async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await Api.signIn(ADMIN);
  // A cohort the search finds alone: 101 accounts, one more than a page.
  const cohort = unique('cohort');
  const member = async (i: number) => (await admin.createUser(`${cohort}-${i}`, `مندوب ${i}`)).email;
  // The first and the last alone, so that they are the oldest and the newest.
  const made = [await member(0)];
  for (let start = 1; start < 100; start += 11) made.push(...(await Promise.all(Array.from({ length: 11 }, (_, i) => member(start + i)))));
  made.push(await member(100));
  const context = await signedInContext(browser, ADMIN);
  const page = await context.newPage();
  await page.goto('/admin');
  await page.getByTestId('user-search').fill(cohort);
  const rows = page.getByTestId('user-row');
  await expect(rows).toHaveCount(100);
  // Newest first: the last account made is drawn, the first one waits for "show more".
  await expect(rows.and(page.locator(`[data-email="${made.at(-1)}"]`))).toHaveCount(1);
  await expect(rows.and(page.locator(`[data-email="${made[0]}"]`))).toHaveCount(0);
  const more = page.getByTestId('users-more');
  await expect(more).toHaveText('عرض المزيد (المعروض ١٠٠ من ١٠١)');
  await more.click();
  await expect(rows).toHaveCount(101);
  await expect(rows.and(page.locator(`[data-email="${made[0]}"]`))).toHaveCount(1);
  await expect(more).toHaveCount(0);

  // The member picker draws a page too, and says how many more the search matches.
  const group = await admin.createGroup('مجموعة عمل التجارة والاستثمار', unique('Trade'));
  await page.goto(`/groups/${group.id}`);
  const picker = page.getByTestId('add-member-user');
  await picker.getByRole('searchbox').fill(cohort);
  await expect(picker.getByRole('radio')).toHaveCount(100);
  await expect(picker.getByRole('status')).toHaveText('تطابق البحث حسابات أخرى عددها 1؛ ضيِّق البحث لتظهر.');
  await picker.getByRole('searchbox').fill(made[0]!);
  await expect(picker.getByRole('radio')).toHaveCount(1);
  await expect(picker.getByRole('status')).toHaveCount(0);
  await context.close();
  await admin.dispose();
});

test('an admin revokes an invitation sent to the wrong address: it leaves the list and its link no longer opens an account', async ({ browser }) => {
  const context = await signedInContext(browser, ADMIN);
  const page = await context.newPage();
  await page.goto('/admin');
  const wrongEmail = `${unique('wrong-address')}@example.test`;
  const invite = page.getByTestId('create-invitation-form');
  await invite.getByLabel('البريد الإلكتروني').fill(wrongEmail);
  await invite.getByLabel('مسؤول').check();
  await invite.getByRole('button').click();
  const link = await page.getByTestId('invitation-link').inputValue();

  const listed = page.getByTestId('outstanding-invitation').and(page.locator(`[data-email="${wrongEmail}"]`));
  await expect(listed).toContainText('مسؤول');
  await expect(listed).toContainText(`من ${ADMIN.name}`);
  await page.getByTestId('outstanding-invitations').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'e2e/artifacts/ui-invitations.png', fullPage: true });
  await listed.getByRole('button', { name: 'إلغاء الدعوة' }).click();
  expect(await answerQuestion(page)).toContain(wrongEmail);
  await expect(listed).toHaveCount(0);

  const guest = await browser.newContext();
  const guestPage = await guest.newPage();
  await guestPage.goto(new URL(link).pathname);
  await guestPage.getByLabel('الاسم').fill('Wrong Person');
  await guestPage.getByLabel('كلمة المرور', { exact: true }).fill('another-long-password');
  await guestPage.getByLabel('تأكيد كلمة المرور').fill('another-long-password');
  await guestPage.getByRole('button', { name: 'إنشاء الحساب والدخول' }).click();
  await expect(guestPage.getByRole('alert')).toContainText('غير صالح');
  await expect(guestPage.getByTestId('user-name')).toHaveCount(0);
  const admin = await Api.signIn(ADMIN);
  const users = (await (await admin.ctx.get('/api/users')).json()) as { email: string }[];
  expect(users.map((u) => u.email)).not.toContain(wrongEmail);

  await admin.dispose();
  await guest.close();
  await context.close();
});
