import { expect, test, type Page } from '@playwright/test';
import { ADMIN, collectProblems, editorOf, meetingWithMembers, openMinutes, signedInContext, answerQuestion } from './support/api.js';
import { downloadedPdfText, normalise } from './support/pdfText.js';

const ARABIC = 'وافق الجانبان على خطة التدريب للعام القادم';
const ENGLISH = 'The UK delegation will send the report by March.';
const NEW_ARABIC = 'وناقش الجانبان ترتيبات التمرين البحري';

function block(page: Page, text: string) {
  return editorOf(page).locator('p').filter({ hasText: text }).last();
}

function versionRow(page: Page, n: number) {
  return page.getByTestId('history-panel').locator(`[data-testid="version"][data-number="${n}"]`);
}

test('history: save a version, compare it with the edited text, restore it live for another editor', async ({ browser }, info) => {
  const { meeting, members, admin } = await meetingWithMembers([{ label: 'uk-delegate', name: 'Jane Smith', role: 'delegate' }]);
  const a = await (await signedInContext(browser, ADMIN)).newPage();
  const b = await (await signedInContext(browser, members[0]!)).newPage();
  const problems = collectProblems([a, b]);
  await openMinutes(a, meeting.id);
  await openMinutes(b, meeting.id);

  await editorOf(a).click();
  await a.keyboard.press('Control+End');
  await a.keyboard.press('Enter');
  await a.keyboard.type(ARABIC);
  await a.keyboard.press('Enter');
  await a.keyboard.type(ENGLISH);
  await expect(a.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  // Named in the page, in the interface's direction: an Arabic name reads right to left.
  await a.getByTestId('save-version').click();
  await a.getByTestId('version-name').fill('مسودة أولى');
  expect(await a.getByTestId('version-name').evaluate((input) => getComputedStyle(input).direction)).toBe('rtl');
  await a.getByTestId('version-name-save').click();
  await expect(a.getByTestId('version-name-form')).toHaveCount(0);
  // Both pages list the new version live.
  for (const page of [a, b]) await expect(versionRow(page, 1)).toContainText('مسودة أولى');

  // Edit: a word added to the Arabic paragraph, a word replaced in the English one, a new paragraph.
  await block(a, ARABIC).click();
  await a.keyboard.press('End');
  await a.keyboard.type(' المشترك');
  await block(a, ENGLISH).click();
  await a.keyboard.press('End');
  for (let i = 0; i < 'March.'.length; i++) await a.keyboard.press('Backspace');
  await a.keyboard.type('April.');
  await a.keyboard.press('Enter');
  await a.keyboard.type(NEW_ARABIC);
  await expect(a.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await expect(editorOf(b)).toContainText(NEW_ARABIC);

  await versionRow(b, 1).getByTestId('version-compare-current').click();
  const view = b.getByTestId('compare-view');
  await expect(view.locator('[data-op="change"] ins', { hasText: 'المشترك' })).toBeVisible();
  await expect(view.locator('[data-op="change"] del', { hasText: 'March' })).toBeVisible();
  await expect(view.locator('[data-op="change"] ins', { hasText: 'April' })).toBeVisible();
  await expect(view.locator('[data-op="change"] ins', { hasText: 'March' })).toHaveCount(0);
  await expect(view.locator('[data-op="insert"]', { hasText: NEW_ARABIC })).toBeVisible();
  // Each paragraph in its own direction.
  const dirs = await view.locator('[data-op="change"]').evaluateAll((els) => els.map((e) => getComputedStyle(e).direction));
  expect(dirs).toEqual(['rtl', 'ltr']);
  await b.getByTestId('history-panel').screenshot({ path: info.outputPath('compare-view.png') });
  // The same comparison through the form: "From" starts on a named prompt, not a blank choice,
  // and Compare waits for a version.
  const fromSelect = b.getByTestId('compare-from');
  await expect(fromSelect.locator('option').first()).toHaveText('اختر نسخة');
  await expect(b.getByTestId('compare-submit')).toBeDisabled();
  await b.getByTestId('history-panel').getByRole('button', { name: 'إغلاق', exact: true }).click();
  await expect(view).toHaveCount(0);
  await fromSelect.selectOption({ index: 1 }); // version 1, the only one
  await expect(b.getByTestId('compare-submit')).toBeEnabled();
  await b.getByTestId('compare-submit').click();
  await expect(view.locator('[data-op="insert"]', { hasText: NEW_ARABIC })).toBeVisible();

  // Opening version 1 shows its text as it was, each paragraph in its own direction.
  await versionRow(b, 1).getByTestId('version-open').click();
  const text = b.getByTestId('version-text');
  await expect(text.locator('p', { hasText: ENGLISH })).toHaveCount(1);
  await expect(text).not.toContainText('April');
  await expect(text).not.toContainText(NEW_ARABIC);
  await expect(b.getByTestId('history-panel').getByRole('alert')).toHaveCount(0);
  const arabic = text.locator('p', { hasText: ARABIC });
  await expect(arabic).toHaveCount(1);
  expect(await arabic.evaluate((p) => getComputedStyle(p).direction)).toBe('rtl');

  // Version 1 as a PDF: its text as it was, not the current one, in a file named for it.
  const pdfLink = versionRow(b, 1).getByTestId('version-pdf');
  await expect(pdfLink).toHaveAccessibleName('ملف PDF: النسخة 1');
  const downloading = b.waitForEvent('download');
  await pdfLink.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/-v1\.pdf$/);
  await expect(versionRow(b, 1).getByTestId('version-pdf-error')).toHaveCount(0);
  const pdf = await downloadedPdfText(download);
  for (const typed of [ARABIC, ENGLISH]) expect(pdf).toContain(normalise(typed));
  expect(pdf).not.toContain(normalise(NEW_ARABIC));
  expect(pdf).not.toContain('April');

  // The secretariat restores version 1: the delegate's open editor shows it without a reload.
  await versionRow(a, 1).getByTestId('version-restore').click();
  expect(await answerQuestion(a)).toContain('استعادة النسخة 1');
  await expect(editorOf(b)).not.toContainText(NEW_ARABIC);
  await expect(editorOf(b)).toContainText(ENGLISH);
  await expect(editorOf(b)).toContainText(ARABIC);
  await expect(versionRow(b, 2)).toHaveAttribute('data-kind', 'restored');
  expect(await admin.minutesText(meeting.id)).not.toContain('April');
  expect(problems).toEqual([]);
  await admin.dispose();
});
