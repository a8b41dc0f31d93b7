import { expect, test, type Page } from '@playwright/test';
import { ADMIN, Api, collectProblems, editorOf, openMinutes, signedInContext, unique, answerQuestion } from './support/api.js';
import { expectInside, horizontalOverflow, settleAfterResize } from './support/layout.js';

const SIDES = [
  { key: 'kw', nameAr: 'الكويت', nameEn: 'Kuwait' },
  { key: 'uk', nameAr: 'المملكة المتحدة', nameEn: 'United Kingdom' },
];

function side(page: Page, key: string) {
  return page.getByTestId('approval-panel').locator(`[data-side="${key}"]`);
}

/** Approves, answering the confirmation question; returns its text. */
async function approveOn(page: Page): Promise<string> {
  await page.getByTestId('approve-version').click();
  return answerQuestion(page);
}

test('the heads of delegation of both sides approve the circulated version, and the minutes lock for both', async ({ browser }, info) => {
  const admin = await Api.signIn(ADMIN);
  const group = await admin.createGroup('اللجنة التوجيهية المشتركة', unique('Joint steering group'));
  await admin.ctx.patch(`/api/groups/${group.id}`, { data: { sides: SIDES } });
  const kuwaiti = await admin.createUser('kw-head', 'فهد عبدالله المطيري');
  const british = await admin.createUser('uk-head', 'Sarah Thompson');
  for (const [user, key] of [[kuwaiti, 'kw'], [british, 'uk']] as const) {
    const res = await admin.ctx.put(`/api/groups/${group.id}/members/${user.id}`, { data: { role: 'delegate', side: key, approver: true } });
    expect(res.status()).toBe(200);
  }
  const meeting = await admin.createMeeting(group.id, 'الاجتماع الأول للجنة التوجيهية', 'First steering group meeting');
  await admin.updateMeeting(meeting.id, { status: 'circulated' });
  const [version] = (await (await admin.ctx.get(`/api/meetings/${meeting.id}/versions`)).json()) as { id: string; number: number; sha256: string }[];

  const kw = await (await signedInContext(browser, kuwaiti)).newPage();
  const uk = await (await signedInContext(browser, british)).newPage();
  const problems = collectProblems([kw, uk]);
  await openMinutes(kw, meeting.id);
  await openMinutes(uk, meeting.id);
  for (const page of [kw, uk]) {
    // Circulated: delegates read, with the version and its hash on the approval panel.
    await expect(page.getByTestId('readonly-banner')).toBeVisible();
    await expect(editorOf(page)).toHaveAttribute('contenteditable', 'false');
    await expect(page.getByTestId('approval-version')).toContainText(version!.sha256.slice(0, 16));
    await expect(side(page, 'kw')).toHaveAttribute('data-state', 'waiting');
    await expect(side(page, 'uk')).toHaveAttribute('data-state', 'waiting');
  }

  // Kuwait approves; the British page shows it without a reload.
  const asked = await approveOn(kw);
  expect(asked).toContain(version!.sha256.slice(0, 16));
  await expect(side(uk, 'kw')).toHaveAttribute('data-state', 'approved');
  await expect(side(uk, 'kw')).toContainText('فهد عبدالله المطيري');
  await expect(kw.getByTestId('approve-version')).toHaveCount(0);
  await expect(kw.getByTestId('withdraw-approval')).toBeVisible();
  await uk.getByTestId('approval-panel').screenshot({ path: info.outputPath('approval-panel.png') });

  // The United Kingdom approves the same version: the meeting is approved and locked for both.
  await approveOn(uk);
  for (const page of [kw, uk]) {
    await expect(page.getByTestId('meeting-status')).toContainText('معتمد');
    await expect(page.getByTestId('readonly-banner')).toHaveAttribute('data-reason', 'approved');
    await expect(side(page, 'uk')).toHaveAttribute('data-state', 'approved');
    await expect(side(page, 'uk')).toContainText('Sarah Thompson');
    await expect(page.getByTestId('history-panel').locator('[data-kind="approved"]')).toHaveCount(1);
    await expect(editorOf(page)).toHaveAttribute('contenteditable', 'false');
  }
  const approvedMeeting = (await (await admin.ctx.get(`/api/meetings/${meeting.id}`)).json()) as { status: string };
  expect(approvedMeeting.status).toBe('approved');
  expect(problems).toEqual([]);
  await admin.dispose();
});

test('on a phone the approve button, which names the version and its hash, stays inside its card in both languages', async ({ browser }, info) => {
  const admin = await Api.signIn(ADMIN);
  const group = await admin.createGroup('اللجنة التوجيهية المشتركة', unique('Joint steering group'));
  await admin.ctx.patch(`/api/groups/${group.id}`, { data: { sides: SIDES } });
  const head = await admin.createUser('kw-head', 'فهد عبدالله المطيري');
  await admin.ctx.put(`/api/groups/${group.id}/members/${head.id}`, { data: { role: 'delegate', side: 'kw', approver: true } });
  const meeting = await admin.createMeeting(group.id, 'الاجتماع الأول للجنة التوجيهية', 'First steering group meeting');
  await admin.updateMeeting(meeting.id, { status: 'circulated' });
  const [version] = (await (await admin.ctx.get(`/api/meetings/${meeting.id}/versions`)).json()) as { number: number; sha256: string }[];
  const hash = version!.sha256.slice(0, 16);

  for (const [lang, locale, name] of [
    ['en', 'en-GB', `Approve this version — Version ${version!.number}, hash ${hash}`],
    ['ar', 'ar-KW', `اعتماد هذه النسخة — النسخة ${version!.number}، البصمة ${hash}`],
  ] as const) {
    const context = await signedInContext(browser, head, { viewport: { width: 390, height: 844 }, locale });
    const page = await context.newPage();
    await openMinutes(page, meeting.id);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    const button = page.getByTestId('approve-version');
    // Its label in two pieces, so that it breaks between them: still read as one sentence.
    await expect(button).toHaveAccessibleName(name);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    for (const width of [390, 360]) {
      await page.setViewportSize({ width, height: 844 });
      await settleAfterResize(page);
      const where = `${lang} @${width}`;
      await expectInside(button, page.locator('.approval-panel'), `${where}: the approve button`);
      expect((await horizontalOverflow(page)).scrollWidth, `${where}: the page scrolls sideways`).toBeLessThanOrEqual(width);
      await page.locator('.approval-panel').screenshot({ path: info.outputPath(`approval-${lang}-${width}.png`) });
    }
    await context.close();
  }
  await admin.dispose();
});
