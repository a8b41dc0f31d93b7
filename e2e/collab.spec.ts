import { expect, test, type Page, type WebSocketRoute } from '@playwright/test';
import { ADMIN, editorOf, meetingWithMembers, openMinutes, signedInContext, collectProblems, answerQuestion } from './support/api.js';

const ARABIC = 'افتتح رئيس الجانب الكويتي الاجتماع ورحّب بأعضاء الوفد البريطاني';
const ENGLISH = 'The UK delegation thanked the Kuwaiti side for hosting the meeting.';
const REPLY = 'وأكد الجانبان أهمية التدريب والتمارين المشتركة';
const ITEM_AR = 'التمرين العسكري المشترك مقاتل الصحراء';
const ITEM_EN = 'Contingency planning and crisis response';

/** The innermost block of the editor (paragraph, heading or list item) that holds `text`. */
function block(page: Page, text: string) {
  return editorOf(page).locator('p, h1, h2, h3, li').filter({ hasText: text }).last();
}

function listItem(page: Page, text: string) {
  return editorOf(page).locator('li').filter({ hasText: text });
}

/** Computed direction of the block the caret is in. */
function caretBlockDirection(page: Page) {
  return page.evaluate(() => {
    const node = window.getSelection()?.anchorNode;
    const element = node instanceof Element ? node : node?.parentElement;
    const blockElement = element?.closest('p, h1, h2, h3, li');
    return blockElement ? getComputedStyle(blockElement).direction : null;
  });
}

test('two delegates edit the same minutes live, and the text survives a reload', async ({ browser }) => {
  const { admin, meeting, members } = await meetingWithMembers([{ label: 'uk-delegate', name: 'Jane Smith', role: 'delegate' }]);
  const delegate = members[0]!;

  const secretariat = await signedInContext(browser, ADMIN);
  const uk = await signedInContext(browser, delegate);
  const a = await secretariat.newPage();
  const b = await uk.newPage();
  // Console errors, Tiptap warnings (e.g. a duplicate TextDirection) and CSP refusals.
  const problems = collectProblems([a, b]);
  await openMinutes(a, meeting.id);
  await openMinutes(b, meeting.id);

  // The secretariat writes, at the end of the template, a heading, an Arabic paragraph and an
  // English one.
  await editorOf(a).click();
  await a.keyboard.press('Control+End');
  await a.keyboard.press('Enter');
  await a.getByTestId('tool-h3').click();
  await a.keyboard.type('مداخلات الوفدين');
  await a.keyboard.press('Enter');
  await a.keyboard.type(ARABIC);
  await a.keyboard.press('Enter');
  await a.keyboard.type(ENGLISH);

  // The other side sees it live, with the secretariat's caret and name.
  await expect(editorOf(b)).toContainText(ARABIC);
  await expect(editorOf(b)).toContainText(ENGLISH);
  await expect(b.locator('.collaboration-carets__label', { hasText: ADMIN.name })).toBeVisible();

  // The UK delegate adds a paragraph and a mixed Arabic/English bulleted list at the end.
  await editorOf(b).click();
  await b.keyboard.press('Control+End');
  await b.keyboard.press('Enter');
  // A new, empty line of an Arabic document starts on the right.
  expect(await caretBlockDirection(b)).toBe('rtl');
  await b.keyboard.type(REPLY);
  await b.keyboard.press('Enter');
  await b.getByTestId('tool-bullet-list').click();
  await b.keyboard.type(ITEM_AR);
  await b.keyboard.press('Enter');
  await b.keyboard.type(ITEM_EN);
  await expect(editorOf(a)).toContainText(ITEM_EN);
  await expect(a.locator('.collaboration-carets__label', { hasText: delegate.name })).toBeVisible();

  // Both reach "saved": the server has made every update durable.
  await expect(a.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await expect(b.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');

  // Each block takes its direction from its own text; list items too (tiptap#7338).
  const direction = (locator: ReturnType<typeof block>) => locator.evaluate((el) => getComputedStyle(el).direction);
  for (const page of [a, b]) {
    expect(await direction(block(page, ARABIC))).toBe('rtl');
    expect(await direction(block(page, ENGLISH))).toBe('ltr');
    expect(await direction(listItem(page, ITEM_AR))).toBe('rtl');
    expect(await direction(listItem(page, ITEM_EN))).toBe('ltr');
  }

  // Each bullet sits on its own item's start side: the item is indented on that side only.
  for (const text of [ITEM_AR, ITEM_EN]) {
    const gaps = await listItem(b, text).evaluate((li) => {
      const item = li.getBoundingClientRect();
      const sheet = li.closest('.minutes-body')!.getBoundingClientRect();
      const [left, right] = [item.left - sheet.left, sheet.right - item.right];
      return getComputedStyle(li).direction === 'rtl' ? { start: right, end: left } : { start: left, end: right };
    });
    expect(gaps.start - gaps.end, `indent of "${text}"`).toBeGreaterThan(20);
  }

  for (const page of [a, b]) await page.evaluate(() => window.scrollTo(0, 0));
  await a.screenshot({ path: 'e2e/artifacts/collab-secretariat.png', fullPage: true });
  await b.screenshot({ path: 'e2e/artifacts/collab-delegate.png', fullPage: true });

  // Durable: the server's own reading of the minutes has both sides' text ...
  const text = await admin.minutesText(meeting.id);
  for (const expected of [ARABIC, ENGLISH, REPLY, ITEM_AR, ITEM_EN]) expect(text).toContain(expected);

  // ... and a reload shows it again.
  await b.reload();
  await expect(b.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  for (const expected of [ARABIC, ENGLISH, REPLY, ITEM_AR, ITEM_EN]) await expect(editorOf(b)).toContainText(expected);
  expect(await direction(block(b, ENGLISH))).toBe('ltr');
  expect(await direction(listItem(b, ITEM_AR))).toBe('rtl');

  expect(problems).toEqual([]);
  await secretariat.close();
  await uk.close();
  await admin.dispose();
});

test('undo takes back only my own typing, and the direction of a paragraph can be overridden', async ({ browser }) => {
  const { admin, meeting, members } = await meetingWithMembers([{ label: 'undo-delegate', name: 'Jane Smith', role: 'delegate' }]);
  const secretariat = await signedInContext(browser, ADMIN);
  const uk = await signedInContext(browser, members[0]!);
  const a = await secretariat.newPage();
  const b = await uk.newPage();
  const problems = collectProblems([a, b]);
  await openMinutes(a, meeting.id);
  await openMinutes(b, meeting.id);

  await editorOf(a).click();
  await a.keyboard.press('Control+End');
  await a.keyboard.press('Enter');
  await a.keyboard.type('نص الأمانة');
  await expect(editorOf(b)).toContainText('نص الأمانة');
  await editorOf(b).click();
  await b.keyboard.press('Control+End');
  await b.keyboard.press('Enter');
  await b.keyboard.type('Text by the UK side');
  await expect(editorOf(a)).toContainText('Text by the UK side');

  await expect(a.getByTestId('tool-undo')).toBeEnabled();
  await a.getByTestId('tool-undo').click();
  await expect(editorOf(a)).not.toContainText('نص الأمانة');
  await expect(editorOf(b)).not.toContainText('نص الأمانة');
  await expect(editorOf(a)).toContainText('Text by the UK side');
  await a.getByTestId('tool-redo').click();
  await expect(editorOf(b)).toContainText('نص الأمانة');
  // Saved and at rest after an undo, the browser checks that the minutes read as they were saved
  // (readsAsSaved.ts). They do: the editor is not started over, and keeps its undo history.
  await expect(a.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await a.waitForTimeout(1_500);
  await expect(a.getByTestId('tool-undo')).toBeEnabled();
  await expect(editorOf(a)).toContainText('نص الأمانة');

  // Direction override: the English paragraph set right-to-left, then back to automatic.
  const english = editorOf(b).locator('p', { hasText: 'Text by the UK side' });
  await english.click();
  await b.getByTestId('tool-dir-rtl').click();
  await expect(b.getByTestId('tool-dir-rtl')).toHaveAttribute('aria-pressed', 'true');
  await expect(english).toHaveAttribute('dir', 'rtl');
  await expect(editorOf(a).locator('p', { hasText: 'Text by the UK side' })).toHaveAttribute('dir', 'rtl');
  expect(await english.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  await b.getByTestId('tool-dir-auto').click();
  await expect(english).toHaveAttribute('dir', 'auto');
  expect(await english.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
  await expect(b.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  expect(problems).toEqual([]);

  await secretariat.close();
  await uk.close();
  await admin.dispose();
});

test('edits made while the connection is down are kept and sent on reconnect', async ({ browser }) => {
  const { admin, meeting } = await meetingWithMembers([]);
  const context = await signedInContext(browser, ADMIN);
  const page = await context.newPage();

  // Route the collab websocket through the test so it can "drop the network".
  let online = true;
  const open: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/collab\//, (ws) => {
    if (!online) {
      ws.close({ code: 1013, reason: 'network down' });
      return;
    }
    ws.connectToServer();
    open.push(ws);
  });
  await openMinutes(page, meeting.id);

  online = false;
  for (const ws of open.splice(0)) await ws.close({ code: 1012, reason: 'network down' });
  const status = page.getByTestId('save-status');
  await expect(status).toHaveAttribute('data-state', 'offline');
  await expect(status).toContainText('غير متصل');

  await editorOf(page).click();
  await page.keyboard.type('نص كُتب دون اتصال');
  await expect(status).toHaveAttribute('data-state', 'offline');
  await page.screenshot({ path: 'e2e/artifacts/collab-offline.png' });

  // Leaving through the app now asks first (they are kept on this device and sent next time);
  // staying keeps the edits.
  await page.getByRole('navigation', { name: 'مسار التنقل' }).getByRole('link').first().click();
  expect(await answerQuestion(page, false)).toContain('ستبقى محفوظة على هذا الجهاز');
  await expect(page).toHaveURL(new RegExp(`/meetings/${meeting.id}$`));

  online = true;
  await expect(status).toHaveAttribute('data-state', 'saved', { timeout: 15_000 });
  expect(await admin.minutesText(meeting.id)).toContain('نص كُتب دون اتصال');
  await context.close();
  await admin.dispose();
});
