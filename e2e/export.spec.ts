import { expect, test } from '@playwright/test';
import { downloadedDocxParagraphs } from './support/docxText.js';
import { editorOf, meetingWithMembers, openMinutes, signedInContext } from './support/api.js';
import { downloadedPdfText, normalise } from './support/pdfText.js';

const ARABIC = 'اتفق الجانبان على عقد الاجتماع القادم في لندن خلال الربع الأول من العام';

test('Export PDF downloads the minutes as a PDF holding the Arabic text typed', async ({ browser }) => {
  const { admin, meeting, members } = await meetingWithMembers([{ label: 'pdf-delegate', name: 'سارة العلي', role: 'delegate' }]);
  const context = await signedInContext(browser, members[0]!);
  const page = await context.newPage();
  await openMinutes(page, meeting.id);

  await editorOf(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(ARABIC);
  // The export is of the minutes as saved.
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');

  const button = page.getByTestId('export-pdf');
  await expect(button).toHaveAttribute('href', `/api/meetings/${meeting.id}/minutes.pdf`);
  const downloading = page.waitForEvent('download');
  await button.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  expect(download.suggestedFilename()).toContain('16');
  await expect(button).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('export-error')).toHaveCount(0);

  expect(await downloadedPdfText(download)).toContain(normalise(ARABIC));

  await context.close();
  await admin.dispose();
});

test('Export Word downloads the minutes as a Word document with the Arabic text typed in a right-to-left paragraph', async ({ browser }) => {
  const { admin, meeting, members } = await meetingWithMembers([{ label: 'docx-delegate', name: 'سارة العلي', role: 'delegate' }]);
  const context = await signedInContext(browser, members[0]!);
  const page = await context.newPage();
  await openMinutes(page, meeting.id);

  await editorOf(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(ARABIC);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');

  const button = page.getByTestId('export-docx');
  // Named in the interface's language, like "تصدير PDF" beside it.
  await expect(button).toHaveText('تصدير Word');
  await expect(button).toHaveAttribute('href', `/api/meetings/${meeting.id}/minutes.docx`);
  const downloading = page.waitForEvent('download');
  await button.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/-16-.*\.docx$/);
  await expect(button).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByTestId('export-docx-error')).toHaveCount(0);

  const typed = (await downloadedDocxParagraphs(download)).find((p) => p.text === ARABIC);
  expect(typed?.bidi).toBe(true);

  await context.close();
  await admin.dispose();
});

test('Export PDF of minutes over the size cap says so in the interface language, and nothing is downloaded', async ({ browser }) => {
  const { admin, meeting, members } = await meetingWithMembers([{ label: 'pdf-large', name: 'خالد العنزي', role: 'delegate' }]);
  const context = await signedInContext(browser, members[0]!);
  const page = await context.newPage();
  await openMinutes(page, meeting.id);

  // A long annex pasted into the minutes: more than the e2e server's cap of 64 KiB.
  const annex = Array.from({ length: 400 }, (_, i) => `${i + 1}. ${ARABIC}.`).join('\n');
  await editorOf(page).click();
  await page.keyboard.press('Control+End');
  await editorOf(page).evaluate((element, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, annex);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');

  let downloaded = false;
  page.on('download', () => (downloaded = true));
  await page.getByTestId('export-pdf').click();
  await expect(page.getByTestId('export-error')).toHaveText('تعذّر تصدير المحضر. هذا المحضر أكبر من الحد المسموح به للتصدير.');
  await expect(page.getByTestId('export-pdf')).toHaveAttribute('aria-busy', 'false');
  expect(downloaded).toBe(false);

  await context.close();
  await admin.dispose();
});
