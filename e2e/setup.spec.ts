import { expect, test } from '@playwright/test';

const setupURL = process.env.E2E_SETUP_URL ?? 'http://127.0.0.1:3124';

test('on first start the setup page creates the first administrator, once', async ({ page }) => {
  await page.goto(`${setupURL}/`);
  await expect(page.getByRole('heading', { name: 'إعداد محضر' })).toBeVisible();
  await page.screenshot({ path: 'e2e/artifacts/ui-setup.png' });

  await page.getByLabel('الاسم').fill('أمانة مجموعة التوجيه');
  await page.getByLabel('البريد الإلكتروني').fill('secretariat@example.test');
  await page.getByLabel('كلمة المرور', { exact: true }).fill('first-admin-password');
  await page.getByLabel('تأكيد كلمة المرور').fill('a different password');
  await page.getByRole('button', { name: 'إنشاء حساب المسؤول' }).click();
  await expect(page.getByRole('alert')).toHaveText('كلمتا المرور غير متطابقتين.');

  await page.getByLabel('تأكيد كلمة المرور').fill('first-admin-password');
  await page.getByRole('button', { name: 'إنشاء حساب المسؤول' }).click();
  await expect(page.getByTestId('user-name')).toHaveText('أمانة مجموعة التوجيه');
  await expect(page.getByRole('link', { name: 'الإدارة' })).toBeVisible();

  // Setup is over: the page is not offered again and the endpoint refuses a second admin.
  expect(await (await page.request.get(`${setupURL}/api/setup`)).json()).toEqual({ needed: false });
  const again = await page.request.post(`${setupURL}/api/setup`, {
    data: { email: 'intruder@example.test', name: 'Intruder', password: 'intruder-password' },
  });
  expect(again.status()).toBeGreaterThanOrEqual(400);
  await page.reload();
  await expect(page.getByTestId('user-name')).toHaveText('أمانة مجموعة التوجيه');
});
