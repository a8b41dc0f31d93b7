import { expect, test } from '@playwright/test';
import { editorOf, meetingWithMembers, openMinutes, signedInContext } from './support/api.js';

test('sign in on the login page, open the minutes, sign out: Back shows the login page, not the minutes', async ({ browser }) => {
  const { admin, group, meeting, members } = await meetingWithMembers([{ label: 'kw-delegate', name: 'سارة العلي', role: 'delegate' }]);
  const delegate = members[0]!;
  const secret = 'بند سري لا يراه إلا الأعضاء';
  {
    const writer = await signedInContext(browser, delegate);
    const page = await writer.newPage();
    await openMinutes(page, meeting.id);
    await editorOf(page).click();
    await page.keyboard.type(secret);
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
    await writer.close();
  }

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  await page.getByTestId('login-email').fill(delegate.email);
  await page.getByTestId('login-password').fill('not the password');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toBeVisible();
  await page.getByTestId('login-password').fill(delegate.password);
  await page.getByTestId('login-submit').click();

  await expect(page.getByTestId('user-name')).toHaveText(delegate.name);
  await page.locator(`a[href="/groups/${group.id}"]`).click();
  await page.getByTestId('meeting-link').first().click();
  await expect(page).toHaveURL(new RegExp(`/meetings/${meeting.id}$`));
  await expect(editorOf(page)).toContainText(secret);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');

  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('login-submit')).toBeVisible();
  expect((await page.request.get('/api/me')).status()).toBe(401);

  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/meetings/${meeting.id}$`));
  await expect(page.getByTestId('login-submit')).toBeVisible();
  await expect(editorOf(page)).toHaveCount(0);
  await expect(page.getByText(secret)).toHaveCount(0);
  await page.screenshot({ path: 'e2e/artifacts/access-after-back.png' });

  // Signing in again from there returns to the meeting.
  await page.getByTestId('login-email').fill(delegate.email);
  await page.getByTestId('login-password').fill(delegate.password);
  await page.getByTestId('login-submit').click();
  await expect(editorOf(page)).toContainText(secret);

  await context.close();
  await admin.dispose();
});

test('an observer sees the minutes but cannot change them', async ({ browser }) => {
  const { admin, meeting, members } = await meetingWithMembers([
    { label: 'writer', name: 'Kuwait delegate', role: 'delegate' },
    { label: 'observer', name: 'Observer', role: 'observer' },
  ]);
  const [writer, observer] = members as [(typeof members)[0], (typeof members)[0]];
  const existing = 'نص المحضر كما كتبه المندوب';
  {
    const context = await signedInContext(browser, writer);
    const page = await context.newPage();
    await openMinutes(page, meeting.id);
    await editorOf(page).click();
    await page.keyboard.type(existing);
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
    await context.close();
  }

  const context = await signedInContext(browser, observer);
  const page = await context.newPage();
  await openMinutes(page, meeting.id);
  await expect(page.getByTestId('readonly-banner')).toBeVisible();
  await expect(page.getByTestId('readonly-banner')).toContainText('مراقب');
  await expect(editorOf(page)).toHaveAttribute('contenteditable', 'false');
  await expect(page.getByTestId('toolbar')).toHaveCount(0);
  await expect(editorOf(page)).toContainText(existing);
  const before = await editorOf(page).innerHTML();

  await editorOf(page).click();
  await page.keyboard.type('محاولة تعديل');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Control+b');
  // Give any (wrong) local change time to show up before comparing.
  await page.waitForTimeout(500);
  expect(await editorOf(page).innerHTML()).toBe(before);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await page.screenshot({ path: 'e2e/artifacts/access-observer.png' });

  await page.reload();
  await expect(editorOf(page)).toContainText(existing);
  await expect(editorOf(page)).not.toContainText('محاولة تعديل');
  expect(await admin.minutesText(meeting.id)).not.toContain('محاولة تعديل');

  await context.close();
  await admin.dispose();
});

test('the interface language switch mirrors the page and is remembered for the user', async ({ browser }) => {
  const { admin, meeting, members } = await meetingWithMembers([{ label: 'bilingual', name: 'Alex Morgan', role: 'delegate' }]);
  const context = await signedInContext(browser, members[0]!);
  const page = await context.newPage();
  await openMinutes(page, meeting.id);
  const html = page.locator('html');
  await expect(html).toHaveAttribute('dir', 'rtl');
  await expect(html).toHaveAttribute('lang', 'ar');
  await expect(page.getByTestId('tool-bold')).toHaveAttribute('aria-label', 'غامق');

  await page.getByTestId('lang-switch').click();
  await expect(html).toHaveAttribute('dir', 'ltr');
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('tool-bold')).toHaveAttribute('aria-label', 'Bold');
  await expect(page.getByTestId('tool-undo')).toHaveAttribute('aria-label', 'Undo');
  await expect(page.getByTestId('save-status')).toHaveText('Saved');
  await page.screenshot({ path: 'e2e/artifacts/language-en.png' });

  await page.reload();
  await expect(editorOf(page)).toBeVisible();
  await expect(html).toHaveAttribute('dir', 'ltr');
  await expect(html).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('tool-bold')).toHaveAttribute('aria-label', 'Bold');

  // The preference is the user's, not the browser's: a new browser context gets English too.
  const other = await signedInContext(browser, members[0]!);
  const second = await other.newPage();
  await second.goto('/');
  await expect(second.locator('html')).toHaveAttribute('lang', 'en');
  await expect(second.getByTestId('sign-out')).toHaveText('Sign out');

  await other.close();
  await context.close();
  await admin.dispose();
});

test('a role changed while the minutes are open takes effect at once, and removal closes them', async ({ browser }) => {
  const { admin, group, meeting, members } = await meetingWithMembers([{ label: 'demoted', name: 'Demoted delegate', role: 'delegate' }]);
  const user = members[0]!;
  const context = await signedInContext(browser, user);
  const page = await context.newPage();
  await openMinutes(page, meeting.id);
  await expect(page.getByTestId('toolbar')).toBeVisible();
  await expect(editorOf(page)).toHaveAttribute('contenteditable', 'true');

  await admin.setMember(group.id, user.id, 'observer');
  await expect(page.getByTestId('readonly-banner')).toBeVisible();
  await expect(editorOf(page)).toHaveAttribute('contenteditable', 'false');
  await expect(page.getByTestId('toolbar')).toHaveCount(0);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');

  await admin.setMember(group.id, user.id, 'delegate');
  await expect(page.getByTestId('readonly-banner')).toHaveCount(0);
  await expect(editorOf(page)).toHaveAttribute('contenteditable', 'true');

  const removed = await admin.ctx.delete(`/api/groups/${group.id}/members/${user.id}`);
  expect(removed.status()).toBe(204);
  await expect(page.getByTestId('editor-refused')).toBeVisible();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'error');
  await expect(editorOf(page)).toHaveAttribute('contenteditable', 'false');

  await context.close();
  await admin.dispose();
});

test('a secretary adds a member by email', async ({ browser }) => {
  const { admin, group, members } = await meetingWithMembers([{ label: 'secretary', name: 'Group secretary', role: 'secretary' }]);
  const newcomer = await admin.createUser('newcomer', 'Newcomer');
  const context = await signedInContext(browser, members[0]!);
  const page = await context.newPage();
  await page.goto(`/groups/${group.id}`);
  await expect(page.getByTestId('new-meeting')).toBeVisible();

  const form = page.getByTestId('add-member-form');
  await form.getByTestId('add-member-email').fill('nobody-here@example.test');
  await form.getByTestId('add-member-submit').click();
  await expect(form.getByRole('alert')).toContainText('لا يوجد حساب نشط');

  await form.getByTestId('add-member-email').fill(newcomer.email);
  await form.getByTestId('add-member-role').selectOption('observer');
  await form.getByTestId('add-member-submit').click();
  const row = page.getByTestId('member-table').locator('tr', { hasText: newcomer.email });
  await expect(row.locator('select')).toHaveValue('observer');
  await page.screenshot({ path: 'e2e/artifacts/ui-group-secretary.png', fullPage: true });

  await context.close();
  await admin.dispose();
});
