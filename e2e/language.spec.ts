import { expect, test, type Browser } from '@playwright/test';
import { ADMIN, Api, unique } from './support/api.js';

async function signInThroughPage(browser: Browser, locale: string, account: { email: string; password: string }) {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  await page.goto('/');
  const submit = async () => {
    await page.getByTestId('login-email').fill(account.email);
    await page.getByTestId('login-password').fill(account.password);
    await page.getByTestId('login-submit').click();
  };
  return { context, page, submit };
}

test("a new user's interface language follows the browser until they choose one", async ({ browser }) => {
  const admin = await Api.signIn(ADMIN);
  const british = await admin.createUser('en-gb-user', 'Oliver Hughes');
  const kuwaiti = await admin.createUser('ar-kw-user', 'فهد المطيري');

  // en-GB: the sign-in page and, once signed in, the app are in English.
  const en = await signInThroughPage(browser, 'en-GB', british);
  await expect(en.page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(en.page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await en.submit();
  await expect(en.page.getByRole('heading', { name: 'My meetings' })).toBeVisible();
  await expect(en.page.locator('html')).toHaveAttribute('dir', 'ltr');

  // ar-KW: Arabic throughout.
  const ar = await signInThroughPage(browser, 'ar-KW', kuwaiti);
  await expect(ar.page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(ar.page.getByRole('heading', { name: 'تسجيل الدخول' })).toBeVisible();
  await ar.submit();
  await expect(ar.page.getByRole('heading', { name: 'اجتماعاتي' })).toBeVisible();
  await expect(ar.page.locator('html')).toHaveAttribute('dir', 'rtl');

  // Once chosen, the choice is the user's: an English browser elsewhere (no stored choice on it)
  // shows Arabic after signing in.
  await en.page.getByTestId('lang-switch').click();
  await expect(en.page.getByRole('heading', { name: 'اجتماعاتي' })).toBeVisible();
  const elsewhere = await signInThroughPage(browser, 'en-GB', british);
  await expect(elsewhere.page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await elsewhere.submit();
  await expect(elsewhere.page.getByRole('heading', { name: 'اجتماعاتي' })).toBeVisible();

  for (const c of [en, ar, elsewhere]) await c.context.close();
  await admin.dispose();
});

test('too many failed sign-ins: the wait is said in Arabic, with no English in it', async ({ browser }) => {
  const email = `${unique('limited')}@example.test`;
  const context = await browser.newContext({ locale: 'ar-KW' });
  // The form is ready first: on a loaded machine opening the page may take longer than the wait.
  const page = await context.newPage();
  await page.goto('/');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill('another-wrong-password');
  // Fail through the API of this browser (same address, no device cookie) until the limit makes
  // this place wait several seconds, then try once more through the page at once.
  let wait = 0;
  for (let attempt = 0; attempt < 40 && wait < 8; attempt++) {
    const answer = await context.request.post('/api/auth/login', { data: { email, password: 'wrong-password' } });
    if (answer.status() === 429) {
      wait = Number(answer.headers()['retry-after']);
      expect((await answer.json()).error).toMatchObject({ code: 'sign_in_rate_limited', params: { seconds: wait } });
      if (wait < 8) await new Promise((r) => setTimeout(r, wait * 1000));
    } else {
      expect(answer.status()).toBe(401);
    }
  }
  expect(wait).toBeGreaterThanOrEqual(8);
  await page.getByTestId('login-submit').click();
  const error = page.getByTestId('login-error');
  await expect(error).toContainText('محاولات دخول فاشلة كثيرة. يُرجى المحاولة مجددًا بعد');
  const text = (await error.textContent()) ?? '';
  expect(text).not.toMatch(/[A-Za-z]/);
  // The number of seconds is isolated from the Arabic sentence around it.
  expect(text).toMatch(/\u2068[0-9\u0660-\u0669]+\u2069 ثانية\.$/);
  await context.close();
});
