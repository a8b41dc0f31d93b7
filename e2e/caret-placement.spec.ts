import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { ADMIN, Api, actionItemOf, editorOf, openMinutes, signedInContext, unique, type Account } from './support/api.js';

/*
 * Issue 8, in two real browsers: the secretary waits in an empty block further down, a delegate
 * changes the structure higher up (Enter at the end of their paragraph, a new list item, an
 * empty heading, an action item, a deleted line), then both type. Each sentence must end up in
 * its writer's own block, once: checked as a reader would (the text under each heading, in both
 * browsers) and in the minutes the server stored.
 */

// Bilingual minutes title each section in Arabic, then in English: the lines follow the English heading.
const DISCUSSION = 'Discussion';
const DECISIONS = 'Decisions';
const AGENDA = 'Agenda';
const ACTION_ITEMS = 'Action items';

// From the sample news of the Kuwaiti–British defence working group (kept short: typing is slow
// on a loaded CI machine).
const AR_EXISTING = 'التمرين العسكري المشترك "مقاتل الصحراء".';
const AR_REPLY = 'التخطيط لحالات الطوارئ.';
const AR_DECISION = 'تعزيز التعاون الدفاعي.';

let admin: Api;
let delegateAccount: Required<Account>;
let groupId: string;
let secretaryContext: BrowserContext;
let delegateContext: BrowserContext;
let secretary: Page;
let delegate: Page;

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  admin = await Api.signIn(ADMIN);
  ({ id: groupId } = await admin.createGroup('مجموعة العمل في مجال الدفاع', unique('Caret placement')));
  delegateAccount = await admin.createUser('caret-delegate', 'Sarah Thompson');
  await admin.setMember(groupId, delegateAccount.id, 'delegate');
  secretaryContext = await signedInContext(browser, ADMIN);
  delegateContext = await signedInContext(browser, delegateAccount);
  secretary = await secretaryContext.newPage();
  delegate = await delegateContext.newPage();
});

test.afterAll(async () => {
  await secretaryContext?.close();
  await delegateContext?.close();
  await admin?.dispose();
});

/** New minutes, open in both browsers; returns the meeting id. */
async function freshMinutes(): Promise<string> {
  const meeting = await admin.createMeeting(groupId, 'الاجتماع السادس عشر', 'Sixteenth meeting');
  await Promise.all([openMinutes(secretary, meeting.id), openMinutes(delegate, meeting.id)]);
  return meeting.id;
}

/** The block right after the section heading `heading` (its first line). */
function firstBlockUnder(page: Page, heading: string): Locator {
  return editorOf(page).locator('h2', { hasText: new RegExp(`^${heading}$`) }).locator('xpath=following-sibling::*[1]');
}

/** What a reader sees: the text of each line, under its section heading, without others' carets. */
function sectionsOnScreen(page: Page): Promise<Record<string, string[]>> {
  return editorOf(page).evaluate((root) => {
    const text = (el: Element) => {
      const copy = el.cloneNode(true) as Element;
      copy.querySelectorAll('.collaboration-carets__caret, [contenteditable="false"]').forEach((n) => n.remove());
      return copy.textContent ?? '';
    };
    const sections: Record<string, string[]> = {};
    let current = '';
    for (const el of Array.from(root.children)) {
      if (el.tagName === 'H2') sections[(current = text(el))] = [];
      else if (!current) continue;
      else if (el.matches('ul, ol')) el.querySelectorAll(':scope > li').forEach((li) => sections[current]!.push(text(li)));
      else sections[current]!.push(text(el));
    }
    return sections;
  });
}

interface PMJson {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  content?: PMJson[];
}

/** The same, from the minutes the server stored. */
async function sectionsStored(meetingId: string): Promise<Record<string, string[]>> {
  const response = await admin.ctx.get(`/api/meetings/${meetingId}/minutes?format=json`);
  expect(response.ok()).toBe(true);
  const doc = (await response.json()) as PMJson;
  const text = (node: PMJson): string => node.text ?? (node.content ?? []).map(text).join('');
  const sections: Record<string, string[]> = {};
  let current = '';
  for (const node of doc.content ?? []) {
    if (node.type === 'heading' && node.attrs?.level === 2) sections[(current = text(node))] = [];
    else if (!current) continue;
    else if (node.type === 'bulletList' || node.type === 'orderedList') for (const item of node.content ?? []) sections[current]!.push(text(item));
    else sections[current]!.push(text(node));
  }
  return sections;
}

/** Both browsers saved, show the same minutes, and so does the server. */
async function settled(meetingId: string, pages: Page[], mustShow: string[]): Promise<Record<string, string[]>> {
  for (const page of pages) {
    for (const text of mustShow) await expect(editorOf(page)).toContainText(text);
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  }
  const shown = await sectionsOnScreen(pages[0]!);
  for (const page of pages.slice(1)) expect(await sectionsOnScreen(page)).toEqual(shown);
  await expect.poll(() => sectionsStored(meetingId)).toEqual(shown);
  return shown;
}

/** Waits until `page` shows `count` lines under `heading` (the other side's change arrived). */
async function linesUnder(page: Page, heading: string, count: number): Promise<void> {
  await expect.poll(async () => (await sectionsOnScreen(page))[heading]?.length).toBe(count);
}

test.describe('the secretary’s typing stays in the empty line she is in', () => {
  test('English: the delegate presses Enter higher up, it arrives, then both type', async () => {
    const meetingId = await freshMinutes();
    const existing = 'The UK side presented the plan.';
    const reply = 'Crisis response.';
    const decision = 'Joint exercise in March.';
    await firstBlockUnder(delegate, DISCUSSION).click();
    await delegate.keyboard.type(existing);
    await expect(editorOf(secretary)).toContainText(existing);
    await firstBlockUnder(secretary, DECISIONS).click();

    await delegate.keyboard.press('End');
    await delegate.keyboard.press('Enter');
    await linesUnder(secretary, DISCUSSION, 2);
    await Promise.all([secretary.keyboard.type(decision), delegate.keyboard.type(reply)]);

    const sections = await settled(meetingId, [secretary, delegate], [decision, reply]);
    expect(sections[DISCUSSION]).toEqual([existing, reply]);
    expect(sections[DECISIONS]).toEqual([decision]);
    await secretary.evaluate(() => window.scrollTo(0, 0));
    await secretary.screenshot({ path: 'e2e/artifacts/caret-placement-en.png', fullPage: true });
  });

  test('Arabic: the same with Arabic text', async () => {
    const meetingId = await freshMinutes();
    await firstBlockUnder(delegate, DISCUSSION).click();
    await delegate.keyboard.type(AR_EXISTING);
    await expect(editorOf(secretary)).toContainText(AR_EXISTING);
    await firstBlockUnder(secretary, DECISIONS).click();

    await delegate.keyboard.press('End');
    await delegate.keyboard.press('Enter');
    await linesUnder(secretary, DISCUSSION, 2);
    await Promise.all([secretary.keyboard.type(AR_DECISION), delegate.keyboard.type(AR_REPLY)]);

    const sections = await settled(meetingId, [secretary, delegate], [AR_DECISION, AR_REPLY]);
    expect(sections[DISCUSSION]).toEqual([AR_EXISTING, AR_REPLY]);
    expect(sections[DECISIONS]).toEqual([AR_DECISION]);
    await secretary.evaluate(() => window.scrollTo(0, 0));
    await secretary.screenshot({ path: 'e2e/artifacts/caret-placement-ar.png', fullPage: true });
  });

  test('in an empty list item, when the delegate adds an item above it', async () => {
    const meetingId = await freshMinutes();
    await firstBlockUnder(delegate, AGENDA).locator('li').click();
    await delegate.keyboard.type('Opening of the session');
    await delegate.keyboard.press('Enter');
    await linesUnder(secretary, AGENDA, 2);
    await firstBlockUnder(secretary, AGENDA).locator('li').nth(1).click();

    await firstBlockUnder(delegate, AGENDA).locator('li').first().click();
    await delegate.keyboard.press('End');
    await delegate.keyboard.press('Enter');
    await linesUnder(secretary, AGENDA, 3);
    await Promise.all([secretary.keyboard.type('Adoption of the minutes'), delegate.keyboard.type('Training cooperation')]);

    const sections = await settled(meetingId, [secretary, delegate], ['Adoption of the minutes', 'Training cooperation']);
    expect(sections[AGENDA]).toEqual(['Opening of the session', 'Training cooperation', 'Adoption of the minutes']);
  });

  test('in an empty heading, when the delegate makes an empty heading above it', async () => {
    const meetingId = await freshMinutes();
    await firstBlockUnder(secretary, DECISIONS).click();
    await secretary.getByTestId('tool-h3').click();
    await expect(editorOf(delegate).locator('h3')).toHaveCount(1);

    await firstBlockUnder(delegate, DISCUSSION).click();
    await delegate.getByTestId('tool-h3').click();
    await expect(editorOf(secretary).locator('h3')).toHaveCount(2);
    await Promise.all([secretary.keyboard.type('Training'), delegate.keyboard.type('Procurement')]);

    const sections = await settled(meetingId, [secretary, delegate], ['Training', 'Procurement']);
    expect(sections[DISCUSSION]).toEqual(['Procurement']);
    expect(sections[DECISIONS]).toEqual(['Training']);
  });

  test('in the task of an action item, when the delegate inserts one above it', async () => {
    const meetingId = await freshMinutes();
    await firstBlockUnder(secretary, ACTION_ITEMS).click();
    await secretary.getByTestId('tool-action-item').click();
    await expect(editorOf(delegate).locator('.action-item-text')).toHaveCount(1);

    await firstBlockUnder(delegate, DECISIONS).click();
    await delegate.getByTestId('tool-action-item').click();
    await expect(editorOf(secretary).locator('.action-item-text')).toHaveCount(2);
    await Promise.all([secretary.keyboard.type('Send the exercise calendar'), delegate.keyboard.type('Confirm the venue')]);

    const sections = await settled(meetingId, [secretary, delegate], ['Send the exercise calendar', 'Confirm the venue']);
    expect(sections[DECISIONS]).toEqual(['Confirm the venue']);
    // The empty line after the last item is the editor's trailing paragraph.
    expect(sections[ACTION_ITEMS]).toEqual(['Send the exercise calendar', '']);
    await expect(actionItemOf(secretary, 'Send the exercise calendar')).toHaveCount(1);
  });

  test('when the delegate deletes an empty line above it', async () => {
    const meetingId = await freshMinutes();
    await firstBlockUnder(secretary, DECISIONS).click();
    await firstBlockUnder(delegate, DISCUSSION).click();
    await delegate.keyboard.press('Backspace');
    await linesUnder(secretary, DISCUSSION, 0);
    await secretary.keyboard.type('Agreed unanimously.');

    const sections = await settled(meetingId, [secretary, delegate], ['Agreed unanimously.']);
    expect(sections[DISCUSSION]).toEqual([]);
    expect(sections[DECISIONS]).toEqual(['Agreed unanimously.']);
    expect(sections[ACTION_ITEMS]).toEqual(['']);
  });
});
