import { expect, test } from '@playwright/test';
import { ADMIN, Api, unique, answerQuestion } from './support/api.js';

test('an administrator sets up a group, a meeting, members and an invitation through the interface', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  await page.getByTestId('login-email').fill(ADMIN.email);
  await page.getByTestId('login-password').fill(ADMIN.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-name')).toHaveText(ADMIN.name);

  // A working group with its two names.
  const nameEn = unique('Security, aviation security and cyber');
  await page.getByTestId('new-group').click();
  await page.getByTestId('group-name-ar').fill('مجموعة العمل في مجال الأمن وأمن الطيران والأمن السيبراني');
  await page.getByTestId('group-name-en').fill(nameEn);
  await page.getByTestId('create-group-submit').click();
  const tile = page.getByTestId('group-list').locator('a', { hasText: nameEn });
  await expect(tile).toBeVisible();
  await page.screenshot({ path: 'e2e/artifacts/ui-groups.png', fullPage: true });

  // A user, then an invitation link.
  await page.getByRole('link', { name: 'الإدارة' }).click();
  const userEmail = `${unique('fatima')}@example.test`;
  const createUser = page.getByTestId('create-user-form');
  await createUser.getByLabel('الاسم').fill('فاطمة الصباح');
  await createUser.getByLabel('البريد الإلكتروني').fill(userEmail);
  await createUser.getByLabel('كلمة المرور').fill('a-long-enough-password');
  await createUser.getByRole('button').click();
  await expect(page.getByTestId('user-table')).toContainText(userEmail);

  const inviteEmail = `${unique('invitee')}@example.test`;
  const invite = page.getByTestId('create-invitation-form');
  await invite.getByLabel('البريد الإلكتروني').fill(inviteEmail);
  await invite.getByRole('button').click();
  const link = await page.getByTestId('invitation-link').inputValue();
  expect(link).toMatch(/\/invite\/.+/);
  await page.screenshot({ path: 'e2e/artifacts/ui-admin.png', fullPage: true });

  // Back to the group: a meeting and a member.
  await page.getByRole('link', { name: 'مجموعات العمل' }).first().click();
  await page.getByTestId('group-list').locator('a', { hasText: nameEn }).click();
  await page.getByTestId('new-meeting').click();
  await page.getByTestId('meeting-title-ar').fill('الاجتماع الأول لمجموعة عمل الأمن');
  await page.getByTestId('meeting-title-en').fill('First meeting of the security working group');
  // The field shows the browser's numeric format; under it, the date in words (its description).
  const startsAt = page.getByTestId('meeting-starts-at');
  await startsAt.fill('2027-03-10T10:00');
  await expect(startsAt).toHaveAccessibleDescription(/الأربعاء.*10 مارس 2027.*10:00/);
  await page.getByLabel('رقم الجلسة').fill('17');
  await page.getByLabel('المكان').fill('الكويت — وزارة الخارجية');
  await page.getByTestId('create-meeting-submit').click();
  await expect(page.getByTestId('meeting-list')).toContainText('الاجتماع الأول لمجموعة عمل الأمن');
  // The group's digits: Western by default; its secretary (here an admin) may choose Arabic-Indic.
  await expect(page.getByTestId('meeting-list')).toContainText('الجلسة 17');
  await page.getByTestId('group-digits').selectOption('arabic-indic');
  await expect(page.getByTestId('meeting-list')).toContainText('الجلسة ١٧');

  const addMember = page.getByTestId('add-member-form');
  await addMember.getByTestId('add-member-user').getByRole('radio', { name: userEmail }).check();
  await addMember.getByTestId('add-member-role').selectOption('observer');
  await addMember.getByTestId('add-member-submit').click();
  const row = page.getByTestId('member-table').locator('tr', { hasText: userEmail });
  await expect(row.locator('select')).toHaveValue('observer');
  await row.locator('select').selectOption('delegate');
  await expect(row.locator('select')).toHaveValue('delegate');
  await page.reload();
  await expect(page.getByTestId('member-table').locator('tr', { hasText: userEmail }).locator('select')).toHaveValue('delegate');
  await page.screenshot({ path: 'e2e/artifacts/ui-group.png', fullPage: true });

  // The invited person accepts and is signed in.
  const guest = await browser.newContext();
  const guestPage = await guest.newPage();
  await guestPage.goto(new URL(link).pathname);
  await expect(guestPage.getByRole('heading', { name: 'قبول الدعوة' })).toBeVisible();
  await guestPage.screenshot({ path: 'e2e/artifacts/ui-invite.png' });
  await guestPage.getByLabel('الاسم').fill('Oliver Hughes');
  await guestPage.getByLabel('كلمة المرور', { exact: true }).fill('another-long-password');
  await guestPage.getByLabel('تأكيد كلمة المرور').fill('another-long-password');
  await guestPage.getByRole('button', { name: 'إنشاء الحساب والدخول' }).click();
  await expect(guestPage.getByTestId('user-name')).toHaveText('Oliver Hughes');

  // The administrator revokes that session: the guest's next request leads to the login page.
  await page.getByRole('link', { name: 'الإدارة' }).click();
  const guestRow = page.getByTestId('user-table').locator('tr', { hasText: inviteEmail });
  await guestRow.getByTestId('manage-user-toggle').click();
  await page.getByRole('button', { name: 'إنهاء الجلسة' }).first().click();
  await expect(page.getByText('لا جلسات نشطة.')).toBeVisible();
  await guestPage.reload();
  await expect(guestPage.getByTestId('login-submit')).toBeVisible();

  // Disabling the user created above.
  const fatimaRow = page.getByTestId('user-table').locator('tr', { hasText: userEmail });
  await fatimaRow.getByRole('button', { name: 'تعطيل' }).click();
  await answerQuestion(page);
  await expect(fatimaRow).toContainText('معطَّل');
  const login = await Api.signIn(ADMIN);
  const users = (await (await login.ctx.get('/api/users')).json()) as { email: string; disabled: boolean }[];
  expect(users.find((u) => u.email === userEmail)?.disabled).toBe(true);

  await login.dispose();
  await guest.close();
  await context.close();
});
