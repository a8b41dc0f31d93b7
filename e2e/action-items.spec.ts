import { expect, test, type Page } from '@playwright/test';
import { actionItemOf, DELEGATIONS, editorOf, isoDay, meetingWithMembers, openMinutes, signedInContext, collectProblems } from './support/api.js';

const TASK_SHORTCUT = 'إعداد مسودة خطة التمرين المشترك للعام القادم';
const TASK_TRIGGER = 'تبادل قوائم المشاركين في الدورة التدريبية';
const TASK_BUTTON = 'Share the draft exercise schedule with the Kuwaiti side';

/**
 * How far the furthest line of a tracker task starts from its cell's edge on the task's own
 * start side (a task runs and lines up the way its text does, not the interface).
 */
async function trackerTaskIndent(page: Page, text: string) {
  return page.getByTestId('tracker-row').filter({ hasText: text }).getByTestId('tracker-task').evaluate((task) => {
    const cell = task.parentElement!;
    const box = cell.getBoundingClientRect();
    const padding = getComputedStyle(cell);
    const rtl = getComputedStyle(task).direction === 'rtl';
    const range = document.createRange();
    range.selectNodeContents(task);
    const lines = new Map<number, number>();
    for (const rect of Array.from(range.getClientRects())) {
      const indent = rtl ? box.right - parseFloat(padding.paddingRight) - rect.right : rect.left - box.left - parseFloat(padding.paddingLeft);
      const top = Math.round(rect.top);
      lines.set(top, Math.min(lines.get(top) ?? Infinity, indent));
    }
    return Math.max(...lines.values());
  });
}

/**
 * Where the controls row starts relative to the task text: on the item's own start side (the
 * fields themselves are in the interface's order, so the row's edge is that of all of them).
 */
async function controlsStartGap(page: Page, text: string) {
  return actionItemOf(page, text).evaluate((item) => {
    const textBox = item.querySelector('.action-item-text')!.getBoundingClientRect();
    const fields = Array.from(item.querySelectorAll('.action-item-field')).map((f) => f.getBoundingClientRect());
    return getComputedStyle(item).direction === 'rtl'
      ? Math.abs(textBox.right - Math.max(...fields.map((f) => f.right)))
      : Math.abs(textBox.left - Math.min(...fields.map((f) => f.left)));
  });
}

test('action items: inserted by shortcut, trigger and button, tracked live, status round-trips', async ({ browser }) => {
  const { admin, meeting, members } = await meetingWithMembers([
    { label: 'kw-delegate', name: 'سارة العلي', role: 'delegate' },
    { label: 'uk-delegate', name: 'Jane Smith', role: 'delegate' },
    { label: 'ai-observer', name: 'Observer', role: 'observer' },
  ]);
  const [kuwaiti, british, observer] = members as [(typeof members)[0], (typeof members)[0], (typeof members)[0]];
  await admin.updateMeeting(meeting.id, { delegations: DELEGATIONS, isVirtual: false, place: 'الكويت — قصر بيان' });

  const kw = await signedInContext(browser, kuwaiti);
  const uk = await signedInContext(browser, british);
  const a = await kw.newPage();
  const b = await uk.newPage();
  // Console errors, Tiptap warnings (e.g. a duplicate TextDirection) and CSP refusals.
  const problems = collectProblems([a, b]);

  // The UK delegate has the tracker open before anything exists: it fills in live.
  await b.goto('/');
  await b.getByTestId('nav-action-items').click();
  await expect(b).toHaveURL(/\/action-items$/);
  await expect(b.getByTestId('tracker-empty')).toBeVisible();

  await openMinutes(a, meeting.id);
  // The toolbar button says how else to insert one.
  const button = a.getByTestId('tool-action-item');
  await expect(button).toHaveAttribute('title', /Ctrl\+Alt\+A/);
  await expect(button).toHaveAttribute('title', /\[\]/);

  // 1. Keyboard shortcut, at the (empty) last line of the template, Arabic task.
  await editorOf(a).click();
  await a.keyboard.press('Control+End');
  await a.keyboard.press('Control+Alt+a');
  // An empty item says what to type (a placeholder, not text of the document).
  const placeholder = editorOf(a).locator('div[data-type="action-item"] .action-item-text');
  await expect(placeholder).toHaveCount(1);
  expect(await placeholder.evaluate((el) => getComputedStyle(el, '::before').content)).toBe('"اكتب المهمة…"');
  // Its own, alone: the section's hint ("add action items here…") is not drawn over it.
  await expect(editorOf(a).locator('div[data-type="action-item"].section-hint, div[data-type="action-item"] .section-hint')).toHaveCount(0);
  await a.keyboard.type(TASK_SHORTCUT);
  const first = actionItemOf(a, TASK_SHORTCUT);
  await expect(first).toHaveCount(1);
  expect(await first.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');

  // Owner: a suggestion from the meeting's delegations, picked from the datalist.
  const suggestions = a.getByTestId('owner-suggestions').locator('option');
  await expect(suggestions.first()).toHaveAttribute('value', 'الكويت');
  expect(await suggestions.evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(
    expect.arrayContaining(['الكويت', 'United Kingdom', 'Sarah Thompson', 'مدير إدارة التخطيط']),
  );
  // (Headless Chromium does not open the native datalist popup, so the suggestion's own value
  // is entered: the same thing choosing it does.)
  const owner = first.getByTestId('action-item-owner');
  await expect(owner).toHaveAttribute('list', (await a.getByTestId('owner-suggestions').getAttribute('id'))!);
  await owner.fill((await suggestions.first().getAttribute('value'))!);
  await expect(owner).toHaveValue('الكويت');
  await first.getByTestId('action-item-due').fill(isoDay(30));
  await expect(first).toHaveAttribute('data-owner', 'الكويت');
  await expect(first).toHaveAttribute('data-due', isoDay(30));
  // The field shows the browser's numeric format; beside it the day in words, month named.
  const month = new Intl.DateTimeFormat('ar', { month: 'long', timeZone: 'UTC' }).format(new Date(`${isoDay(30)}T00:00:00Z`));
  await expect(first.getByTestId('action-item-due-day')).toContainText(month);
  await expect(first.getByTestId('action-item-overdue')).toHaveCount(0);

  // 2. The `[] ` trigger: Enter at the end starts a new item, Enter in the empty one makes it a
  // paragraph again, then `[] ` turns that line into an item. Due in the past: overdue.
  await first.locator('.action-item-text').click();
  await a.keyboard.press('End');
  await a.keyboard.press('Enter');
  await expect(editorOf(a).locator('div[data-type="action-item"]')).toHaveCount(2);
  await a.keyboard.press('Enter');
  await expect(editorOf(a).locator('div[data-type="action-item"]')).toHaveCount(1);
  await a.keyboard.type('[] ');
  await expect(editorOf(a).locator('div[data-type="action-item"]')).toHaveCount(2);
  await a.keyboard.type(TASK_TRIGGER);
  const second = actionItemOf(a, TASK_TRIGGER);
  await expect(second).toHaveCount(1);
  await expect(second).not.toContainText('[]');
  await second.getByTestId('action-item-owner').fill('United Kingdom');
  await second.getByTestId('action-item-due').fill(isoDay(-10));
  await expect(second.getByTestId('action-item-overdue')).toBeVisible();
  await expect(second.getByTestId('action-item-due')).toHaveAttribute('aria-describedby', /.+/);

  // 3. The toolbar button, on a new empty line, with an English task (left to right).
  await second.locator('.action-item-text').click();
  await a.keyboard.press('End');
  await a.keyboard.press('Enter');
  await a.keyboard.press('Enter');
  await button.click();
  await a.keyboard.type(TASK_BUTTON);
  const third = actionItemOf(a, TASK_BUTTON);
  await expect(third).toHaveCount(1);
  expect(await third.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
  await third.getByTestId('action-item-owner').fill('Sarah Thompson');

  // Three items with three different ids; the controls start on each item's own start side.
  const ids = await editorOf(a).locator('div[data-type="action-item"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-id')));
  expect(ids).toHaveLength(3);
  expect(new Set(ids).size).toBe(3);
  for (const id of ids) expect(id).toMatch(/^[0-9a-f-]{36}$/);
  for (const task of [TASK_SHORTCUT, TASK_TRIGGER, TASK_BUTTON]) expect(await controlsStartGap(a, task), task).toBeLessThan(4);
  await expect(a.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');

  // The tracker on the other side shows them within seconds, without a reload.
  const row = (page: Page, text: string) => page.getByTestId('tracker-row').filter({ hasText: text });
  await expect(row(b, TASK_SHORTCUT)).toBeVisible({ timeout: 5_000 });
  await expect(b.getByTestId('tracker-row')).toHaveCount(3);
  await expect(row(b, TASK_SHORTCUT)).toContainText('الكويت');
  await expect(row(b, TASK_TRIGGER).getByTestId('tracker-overdue')).toBeVisible();
  await expect(row(b, TASK_SHORTCUT).getByTestId('tracker-overdue')).toHaveCount(0);
  await expect(row(b, TASK_SHORTCUT).getByTestId('tracker-meeting-link')).toHaveAttribute('href', `/meetings/${meeting.id}`);

  // Sorted by due date (soonest first, the overdue one on top, no date last); a click reverses it.
  await expect(b.getByTestId('tracker-task')).toHaveText([TASK_TRIGGER, TASK_SHORTCUT, TASK_BUTTON]);
  await b.getByTestId('sort-due').click();
  await expect(b.locator('th[aria-sort]')).toHaveAttribute('aria-sort', 'descending');
  await expect(b.getByTestId('tracker-task')).toHaveText([TASK_SHORTCUT, TASK_TRIGGER, TASK_BUTTON]);
  await b.getByTestId('sort-text').click();
  await expect(b.locator('th[aria-sort]')).toHaveAttribute('aria-sort', 'ascending');
  await b.getByTestId('sort-due').click();

  // Filters: overdue only, then by owner; the CSV link carries the same query.
  await b.getByTestId('filter-overdue').selectOption('true');
  await expect(b.getByTestId('tracker-row')).toHaveCount(1);
  await expect(b).toHaveURL(/overdue=true/);
  await expect(b.getByTestId('export-csv')).toHaveAttribute('href', /^\/api\/action-items\.csv\?overdue=true$/);
  await b.getByTestId('filter-overdue').selectOption('');
  // All three first: a count of one right after typing the owner could still be the overdue list.
  await expect(b.getByTestId('tracker-row')).toHaveCount(3);
  await b.getByTestId('filter-owner').fill('Sarah');
  await expect(b).toHaveURL(/owner=Sarah/);
  await expect(b.getByTestId('tracker-task')).toHaveText([TASK_BUTTON]);
  await b.getByTestId('filter-reset').click();
  await expect(b.getByTestId('tracker-row')).toHaveCount(3);
  // Due from today: the item due in 30 days; the date field says its day in words too.
  const dueFrom = b.getByTestId('filter-due-from');
  await dueFrom.fill(isoDay(0));
  await expect(b.getByTestId('tracker-task')).toHaveText([TASK_SHORTCUT]);
  const thisMonth = new Intl.DateTimeFormat('ar', { month: 'long', timeZone: 'UTC' }).format(new Date(`${isoDay(0)}T00:00:00Z`));
  await expect(dueFrom).toHaveAccessibleDescription(new RegExp(thisMonth));
  await b.getByTestId('filter-reset').click();
  await expect(b.getByTestId('tracker-row')).toHaveCount(3);
  // Each task starts every line at its cell's edge on its own start side: the English task on the
  // left in the Arabic interface, the Arabic one on the right.
  expect(await trackerTaskIndent(b, TASK_BUTTON)).toBeLessThan(2);
  expect(await trackerTaskIndent(b, TASK_SHORTCUT)).toBeLessThan(2);
  await b.screenshot({ path: 'e2e/artifacts/tracker.png', fullPage: true });

  // Done from the tracker: the editor on the other side shows it within a second or two.
  await row(b, TASK_SHORTCUT).getByTestId('tracker-status').selectOption('done');
  await expect(first.getByTestId('action-item-status')).toHaveValue('done', { timeout: 2_500 });
  await expect(first).toHaveAttribute('data-status', 'done');
  await expect(row(b, TASK_SHORTCUT).getByTestId('tracker-status')).toHaveValue('done');

  // And back the other way: a status set in the editor reaches the tracker live.
  await second.getByTestId('action-item-status').selectOption('cancelled');
  await expect(row(b, TASK_TRIGGER).getByTestId('tracker-status')).toHaveValue('cancelled', { timeout: 5_000 });
  await expect(row(b, TASK_TRIGGER).getByTestId('tracker-overdue')).toHaveCount(0);
  await second.getByTestId('action-item-status').selectOption('open');
  await expect(second.getByTestId('action-item-overdue')).toBeVisible();
  await expect(a.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');

  // Cancelled looks struck through.
  await third.getByTestId('action-item-status').selectOption('cancelled');
  await expect(third).toHaveAttribute('data-status', 'cancelled');
  expect(await third.locator('.action-item-text').evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe('line-through');
  await expect(a.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');

  // Screenshots: the details open above the minutes, and the items themselves.
  await a.getByTestId('details-toggle').click();
  await expect(a.getByTestId('details-view')).toContainText('Sarah Thompson');
  await a.evaluate(() => window.scrollTo(0, 0));
  await a.screenshot({ path: 'e2e/artifacts/meeting-details.png', fullPage: true });
  await editorOf(a).getByRole('heading', { name: 'Action items', exact: true }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await a.evaluate(() => window.scrollBy(0, -90));
  await a.screenshot({ path: 'e2e/artifacts/action-items-editor.png' });

  // An observer sees the same items but cannot change them, neither here nor in the editor.
  const watcher = await signedInContext(browser, observer);
  const c = await watcher.newPage();
  await c.goto('/action-items');
  await expect(c.getByTestId('tracker-row')).toHaveCount(3);
  for (const select of await c.getByTestId('tracker-status').all()) await expect(select).toBeDisabled();
  await openMinutes(c, meeting.id);
  await expect(actionItemOf(c, TASK_SHORTCUT).getByTestId('action-item-status')).toBeDisabled();
  await expect(actionItemOf(c, TASK_SHORTCUT).getByTestId('action-item-owner')).toBeDisabled();
  await expect(actionItemOf(c, TASK_SHORTCUT).getByTestId('action-item-status')).toHaveValue('done');
  // In the English interface the Arabic items stay right to left, their controls on their right.
  await c.getByTestId('lang-switch').click();
  await expect(c.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(actionItemOf(c, TASK_TRIGGER).getByTestId('action-item-controls')).toContainText('Owner');
  for (const task of [TASK_SHORTCUT, TASK_TRIGGER, TASK_BUTTON]) expect(await controlsStartGap(c, task), task).toBeLessThan(4);
  expect(await actionItemOf(c, TASK_TRIGGER).evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  await expect(actionItemOf(c, TASK_TRIGGER).getByTestId('action-item-overdue')).toBeVisible();
  await editorOf(c).getByRole('heading', { name: 'Action items', exact: true }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await c.evaluate(() => window.scrollBy(0, -90));
  await c.screenshot({ path: 'e2e/artifacts/action-items-observer-en.png' });

  // The server's table agrees.
  const items = await admin.actionItems(`meetingId=${meeting.id}`);
  expect(items.map((i) => [i.text, i.owner, i.status]).sort()).toEqual(
    [
      [TASK_BUTTON, 'Sarah Thompson', 'cancelled'],
      [TASK_SHORTCUT, 'الكويت', 'done'],
      [TASK_TRIGGER, 'United Kingdom', 'open'],
    ].sort(),
  );

  expect(problems).toEqual([]);
  await watcher.close();
  await kw.close();
  await uk.close();
  await admin.dispose();
});
