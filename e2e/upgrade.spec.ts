import { expect, test } from '@playwright/test';
import { editorOf, meetingWithMembers, signedInContext } from './support/api.js';

const EDITOR_CHUNK = '**/assets/MinutesEditor-*.js';

test('a page loaded before an upgrade: minutes whose editor code is gone say so and keep the meeting, and a reload opens them', async ({ browser }) => {
  const { admin, group, meeting, members } = await meetingWithMembers([{ label: 'upgrade-delegate', name: 'نورة الصباح', role: 'delegate' }]);
  const context = await signedInContext(browser, members[0]!);
  const page = await context.newPage();
  await page.goto(`/groups/${group.id}`);
  const meetingLink = page.getByRole('link', { name: 'الاجتماع السادس عشر لمجموعة العمل' });
  await expect(meetingLink).toBeVisible();

  // Mahdar is upgraded while the page is open: the editor chunk this page knows is no longer
  // on the server, which answers for it as for any file not in its build.
  const gone = (url: string) => url.replace(/MinutesEditor-[^/]+\.js$/, 'MinutesEditor-0ldBu1ld.js');
  await page.route(EDITOR_CHUNK, async (route) => route.fulfill({ response: await route.fetch({ url: gone(route.request().url()) }) }));
  const oldChunk = await page.request.get('/assets/MinutesEditor-0ldBu1ld.js');
  expect(oldChunk.status()).toBe(404);

  await meetingLink.click();
  const failure = page.getByTestId('page-failure');
  await expect(failure).toBeVisible();
  await expect(failure).toContainText('تعذّر تحميل جزء من التطبيق');
  // Not a blank page: the meeting and the way around the app are still there.
  await expect(page.getByRole('heading', { name: 'الاجتماع السادس عشر لمجموعة العمل' })).toBeVisible();
  await expect(page.getByRole('navigation').first()).toBeVisible();
  await expect(editorOf(page)).toHaveCount(0);

  // The reload loads the build that is there now.
  await page.unroute(EDITOR_CHUNK);
  await failure.getByRole('button', { name: 'إعادة تحميل الصفحة' }).click();
  await expect(editorOf(page)).toBeVisible();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await expect(failure).toHaveCount(0);
  await editorOf(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('بعد التحديث');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await expect.poll(() => admin.minutesText(meeting.id)).toContain('بعد التحديث');

  await context.close();
  await admin.dispose();
});
