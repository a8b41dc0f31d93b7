import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ADMIN, Api, collectProblems, editorOf, signedInContext, typeAtEnd, unique } from './support/api.js';
import { downloadedDocxParagraphs } from './support/docxText.js';
import { downloadedPdfText, normalise } from './support/pdfText.js';

/**
 * Issue 10 in two browsers: a delegate proposes an amendment on words of the minutes, the
 * secretariat sees it live on those words and accepts it, and the text changes for both; an
 * observer's comment reaches the secretary live.
 */

// Several browsers at once on a shared, loaded machine: allow for slow first loads.
test.setTimeout(180_000);

/** Opens the meeting and waits for the minutes to be synced. */
async function openMinutes(page: Page, meetingId: string): Promise<void> {
  await page.goto(`/meetings/${meetingId}`);
  await expect(editorOf(page)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved', { timeout: 30_000 });
}

const SIDES = [
  { key: 'kw', nameAr: 'الكويت', nameEn: 'Kuwait' },
  { key: 'uk', nameAr: 'المملكة المتحدة', nameEn: 'United Kingdom' },
];

async function steeringGroup(roles: { label: string; name: string; role: 'delegate' | 'secretary' | 'observer'; side?: string }[]) {
  const admin = await Api.signIn(ADMIN);
  const group = await admin.createGroup('اللجنة التوجيهية المشتركة', unique('Joint steering group'));
  expect((await admin.ctx.patch(`/api/groups/${group.id}`, { data: { sides: SIDES } })).status()).toBe(200);
  const users = [];
  for (const { label, name, role, side } of roles) {
    const user = await admin.createUser(label, name);
    expect((await admin.ctx.put(`/api/groups/${group.id}/members/${user.id}`, { data: { role, side: side ?? null } })).status()).toBe(200);
    users.push(user);
  }
  const meeting = await admin.createMeeting(group.id, 'الاجتماع الأول للجنة التوجيهية', 'First steering group meeting');
  return { admin, meeting, users };
}

/**
 * A delegate of a side and the secretary, each with the minutes open in a browser of their own;
 * the delegate has typed `paragraph` and the secretary sees it.
 */
async function delegateTyped(browser: Browser, delegate: { label: string; name: string; side: string }, paragraph: string) {
  const { admin, meeting, users } = await steeringGroup([
    { ...delegate, role: 'delegate' },
    { label: 'secretary', name: 'Amal Secretariat', role: 'secretary' },
  ]);
  const mine = await (await signedInContext(browser, users[0]!)).newPage();
  const sec = await (await signedInContext(browser, users[1]!)).newPage();
  const problems = collectProblems([mine, sec]);
  await openMinutes(mine, meeting.id);
  await openMinutes(sec, meeting.id);
  await typeAtEnd(mine, paragraph);
  await expect(editorOf(sec)).toContainText(paragraph);
  return { admin, meeting, mine, sec, problems };
}

/** Selects `words` in the minutes as a mouse would (the page's selection; the editor reads it). */
async function selectWords(page: Page, words: string): Promise<void> {
  await editorOf(page).locator('p', { hasText: words }).first().click();
  await page.evaluate((text) => {
    const root = document.querySelector('[data-testid="minutes-editor"]')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(text);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + text.length);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
      return;
    }
    throw new Error(`no "${text}" in the minutes`);
  }, words);
  // The editor has taken the selection (ProseMirror reads it on selectionchange).
  await expect.poll(() => page.evaluate(() => document.getSelection()?.toString())).toBe(words);
}

async function propose(page: Page, words: string, proposed: string, rationale: string): Promise<void> {
  await selectWords(page, words);
  await page.getByTestId('propose-amendment').click();
  const composer = page.getByTestId('amendment-composer');
  await expect(composer.getByTestId('composer-quote')).toHaveText(words);
  await composer.getByTestId('amendment-proposed').fill(proposed);
  await composer.getByTestId('amendment-rationale').fill(rationale);
  await composer.getByTestId('composer-submit').click();
  await expect(composer).toHaveCount(0);
}

function amendmentIn(page: Page, proposed: string) {
  return page.getByTestId('amendment').filter({ hasText: proposed });
}

/** The proposal drawn on the text: not part of the minutes' content. */
function proposalOnText(page: Page, proposed: string) {
  return editorOf(page).locator('.amend-proposed').filter({ hasText: proposed });
}

test('a delegate proposes an Arabic amendment, the secretary sees it live and accepts it, and the text changes for both', async ({ browser }) => {
  const paragraph = 'تقرر عقد الاجتماع القادم في شهر مارس في مدينة الكويت.';
  const { admin, meeting, mine, sec, problems } = await delegateTyped(browser, { label: 'kw-delegate', name: 'العقيد سالم العتيبي', side: 'kw' }, paragraph);
  await expect(mine.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');

  await propose(mine, 'شهر مارس', 'شهر أبريل', 'موعد أنسب للوفدين.');

  // Live on the secretary's page: in the margin and on the words themselves, with the side.
  const entry = amendmentIn(sec, 'شهر أبريل');
  await expect(entry).toHaveAttribute('data-status', 'open');
  await expect(entry).toContainText('الكويت');
  await expect(entry).toContainText('شهر مارس');
  await expect(entry).toContainText('موعد أنسب للوفدين.');
  await expect(proposalOnText(sec, 'شهر أبريل')).toContainText('الكويت');
  await expect(editorOf(sec).locator('.amend-quote')).toHaveText('شهر مارس');
  await expect(proposalOnText(mine, 'شهر أبريل')).toBeVisible();
  // The proposal is drawn, not written: the minutes still read as before.
  expect(await admin.minutesText(meeting.id)).toContain(paragraph);
  // The delegate may withdraw it, not decide it; the secretary decides.
  await expect(amendmentIn(mine, 'شهر أبريل').getByTestId('amendment-withdraw')).toBeVisible();
  await expect(amendmentIn(mine, 'شهر أبريل').getByTestId('amendment-accept')).toHaveCount(0);

  // While it is open, the minutes can be sent home with it: the PDF's annex lists it by side.
  const annex = sec.getByTestId('export-annex');
  await expect(annex).toHaveAttribute('href', `/api/meetings/${meeting.id}/minutes.pdf?amendments=annex`);
  const downloading = sec.waitForEvent('download');
  await annex.click();
  const pdf = await downloadedPdfText(await downloading);
  for (const printed of [paragraph, 'ملحق: التعديلات المقترحة المفتوحة', 'الكويت', 'شهر أبريل', 'موعد أنسب للوفدين.']) expect(pdf, printed).toContain(normalise(printed));
  // The same as a Word document, for a side that drafts its instructions in Word.
  const annexDocx = sec.getByTestId('export-annex-docx');
  await expect(annexDocx).toHaveAttribute('href', `/api/meetings/${meeting.id}/minutes.docx?amendments=annex`);
  const downloadingDocx = sec.waitForEvent('download');
  await annexDocx.click();
  const docx = await downloadingDocx;
  expect(docx.suggestedFilename()).toMatch(/\.docx$/);
  const words = (await downloadedDocxParagraphs(docx)).map((p) => p.text);
  const annexTitle = words.indexOf('ملحق: التعديلات المقترحة المفتوحة');
  expect(words).toContain(paragraph);
  expect(annexTitle, 'the minutes, then the annex').toBeGreaterThan(words.indexOf(paragraph));
  expect(words.slice(annexTitle)).toEqual(expect.arrayContaining(['الكويت — Kuwait', 'شهر مارس', 'شهر أبريل', 'موعد أنسب للوفدين.']));

  // Someone types before the words: the drawing stays on them.
  // (The paragraph now also shows the proposal, which is not its text: found by its start.)
  await editorOf(sec).locator('p', { hasText: 'تقرر عقد الاجتماع' }).click();
  await sec.keyboard.press('Home');
  await sec.keyboard.type('أولًا: ');
  await expect(editorOf(mine).locator('.amend-quote')).toHaveText('شهر مارس');

  // The link in the margin selects the words in the text (keyboard: Enter).
  await entry.getByTestId('go-to-text').focus();
  await sec.keyboard.press('Enter');
  await expect.poll(() => sec.evaluate(() => document.getSelection()?.toString())).toBe('شهر مارس');

  await entry.getByTestId('amendment-accept').click();
  const changed = 'أولًا: تقرر عقد الاجتماع القادم في شهر أبريل في مدينة الكويت.';
  for (const page of [sec, mine]) {
    await expect(editorOf(page)).toContainText(changed);
    await expect(amendmentIn(page, 'شهر أبريل')).toHaveAttribute('data-status', 'accepted');
    await expect(editorOf(page).locator('.amend-proposed')).toHaveCount(0);
    // Its new words are the text: not "no longer in the text".
    await expect(amendmentIn(page, 'شهر أبريل').getByTestId('entry-quote')).toBeVisible();
    await expect(amendmentIn(page, 'شهر أبريل').getByTestId('entry-gone')).toHaveCount(0);
  }
  await expect.poll(() => admin.minutesText(meeting.id)).toContain(changed);
  // Nothing open any more: no annex to send.
  await expect(sec.getByTestId('export-annex')).toHaveCount(0);
  expect(problems).toEqual([]);
  await admin.dispose();
});

test('the secretary deletes the words an amendment is on: both see it outdated, no longer on the text, and it cannot be accepted', async ({ browser }) => {
  const paragraph = 'The delegations agreed to exchange the draft memorandum by the end of January.';
  const { admin, meeting, mine, sec, problems } = await delegateTyped(browser, { label: 'uk-delegate', name: 'Sarah Thompson', side: 'uk' }, paragraph);

  await propose(mine, 'by the end of January', 'by mid-February', 'The memorandum needs a legal review first.');
  await expect(amendmentIn(sec, 'by mid-February')).toHaveAttribute('data-status', 'open');

  // The secretary rewrites the sentence: the amended words are deleted.
  await selectWords(sec, 'by the end of January');
  await sec.keyboard.press('Backspace');
  await sec.keyboard.press('Backspace');
  await expect(editorOf(mine)).not.toContainText('January');
  await expect.poll(() => admin.minutesText(meeting.id)).toContain('The delegations agreed to exchange the draft memorandum.');
  for (const page of [sec, mine]) {
    const entry = amendmentIn(page, 'by mid-February');
    await expect(entry).toHaveAttribute('data-status', 'outdated');
    await expect(entry.getByTestId('entry-gone')).toBeVisible();
    await expect(entry.getByTestId('amendment-accept')).toHaveCount(0);
    await expect(proposalOnText(page, 'by mid-February')).toHaveCount(0);
  }
  const listed = await (await admin.ctx.get(`/api/meetings/${meeting.id}/amendments`)).json();
  expect(listed).toMatchObject([{ proposed: 'by mid-February', status: 'outdated' }]);
  expect(problems).toEqual([]);
  await admin.dispose();
});

test('an observer comments on words; the secretary sees it live, as text, and replies', async ({ browser }) => {
  const paragraph = 'The parties agreed to exchange liaison officers in the spring.';
  const { admin, meeting, users } = await steeringGroup([
    { label: 'observer', name: 'Omar Observer', role: 'observer' },
    { label: 'secretary', name: 'Amal Secretariat', role: 'secretary' },
  ]);
  const [observer, secretary] = users;
  const sec = await (await signedInContext(browser, secretary!)).newPage();
  const obs = await (await signedInContext(browser, observer!)).newPage();
  const problems = collectProblems([obs, sec]);
  await openMinutes(sec, meeting.id);
  await typeAtEnd(sec, paragraph);
  await expect(sec.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await openMinutes(obs, meeting.id);
  await expect(editorOf(obs)).toContainText(paragraph);
  // Observers comment; they do not propose.
  await expect(obs.getByTestId('propose-amendment')).toHaveCount(0);

  await selectWords(obs, 'liaison officers');
  await obs.getByTestId('add-comment').click();
  const composer = obs.getByTestId('comment-composer');
  await expect(composer.getByTestId('composer-quote')).toHaveText('liaison officers');
  const body = 'Which ministry hosts them? <b>not bold</b>';
  await composer.getByTestId('comment-body').fill(body);
  await expect(composer.getByTestId('char-count')).toHaveAttribute('data-left', String(4000 - body.length));
  await composer.getByTestId('composer-submit').click();

  const thread = sec.getByTestId('thread').filter({ hasText: 'Which ministry' });
  await expect(thread.getByTestId('comment-text')).toHaveText(body);
  await expect(thread.locator('b')).toHaveCount(0);
  await expect(thread).toContainText('Omar Observer');
  await expect(editorOf(sec).locator('.comment-range')).toHaveText('liaison officers');

  await thread.getByTestId('thread-reply').click();
  await thread.getByTestId('reply-body').fill('وزارة الدفاع.');
  await thread.getByTestId('reply-submit').click();
  await expect(obs.getByTestId('thread').filter({ hasText: 'Which ministry' })).toContainText('وزارة الدفاع.');
  await thread.getByTestId('thread-resolve').click();
  await expect(obs.getByTestId('thread').filter({ hasText: 'Which ministry' })).toHaveAttribute('data-resolved', 'true');
  await expect(editorOf(obs).locator('.comment-range')).toHaveCount(0);
  expect(problems).toEqual([]);
  await admin.dispose();
});

test('the secretary rejects with a reason, the author withdraws; approval waits while amendments are open', async ({ browser }) => {
  const paragraph = 'Both delegations thanked the hosts for their hospitality.';
  const { admin, meeting, users } = await steeringGroup([
    { label: 'uk-delegate', name: 'James Carter', role: 'delegate', side: 'uk' },
    { label: 'secretary', name: 'Amal Secretariat', role: 'secretary' },
  ]);
  const [delegate, secretary] = users;
  const mine = await (await signedInContext(browser, delegate!)).newPage();
  const sec = await (await signedInContext(browser, secretary!)).newPage();
  const problems = collectProblems([mine, sec]);
  await openMinutes(mine, meeting.id);
  await typeAtEnd(mine, paragraph);
  await expect(mine.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await openMinutes(sec, meeting.id);
  await expect(editorOf(sec)).toContainText(paragraph);

  await propose(mine, 'thanked', 'warmly thanked', '');
  // A caret without a selection proposes an insertion there.
  await editorOf(mine).locator('p', { hasText: 'Both delegations' }).click();
  await mine.keyboard.press('End');
  await mine.getByTestId('propose-amendment').click();
  await mine.getByTestId('amendment-composer').getByTestId('amendment-proposed').fill(' The next session is in London.');
  await mine.getByTestId('amendment-composer').getByTestId('composer-submit').click();
  // In the group's digits (Western by default), as everything else on its meeting page.
  await expect(sec.getByTestId('approval-blocked')).toContainText('(عددها 2)');
  await expect(sec.getByTestId('amendment')).toHaveCount(2);

  // Rejected with a reason: the author sees both at once.
  const first = amendmentIn(sec, 'warmly thanked');
  await first.getByTestId('amendment-reject').click();
  await first.getByTestId('reject-body').fill('The wording of the joint statement is kept.');
  await first.getByTestId('reject-submit').click();
  await expect(amendmentIn(mine, 'warmly thanked')).toHaveAttribute('data-status', 'rejected');
  // The form closes once the rejection is saved.
  await expect(first).toHaveAttribute('data-status', 'rejected');
  await expect(first.getByTestId('reject-body')).toHaveCount(0);
  await expect(amendmentIn(mine, 'warmly thanked').getByTestId('amendment-reason')).toContainText('The wording of the joint statement is kept.');
  await expect(sec.getByTestId('approval-blocked')).toContainText('(عددها 1)');

  // Withdrawn by its author (keyboard only): the secretary sees it, and approval is free again.
  await amendmentIn(mine, 'next session').getByTestId('amendment-withdraw').focus();
  await mine.keyboard.press('Enter');
  await expect(amendmentIn(sec, 'next session')).toHaveAttribute('data-status', 'withdrawn');
  await expect(sec.getByTestId('approval-blocked')).toHaveCount(0);
  await expect(editorOf(sec).locator('.amend-proposed')).toHaveCount(0);
  // Nothing of either reached the text.
  expect(await admin.minutesText(meeting.id)).toContain(paragraph);
  expect(problems).toEqual([]);
  await admin.dispose();
});

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    // The margin and the sheet with its marks (the formatting toolbar predates issue 10).
    return axe.run({ include: [['.annotations'], ['.paper']] });
  });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('amendments in both directions, on a desktop and on a phone (screenshots), without serious accessibility problems', async ({ browser }, info) => {
  const arabic = 'وافق الجانبان على تبادل ضباط الاتصال في الربيع.';
  const english = 'The joint exercise will take place in March in Kuwait.';
  const { admin, meeting, users } = await steeringGroup([
    { label: 'uk-delegate', name: 'James Carter', role: 'delegate', side: 'uk' },
    { label: 'kw-delegate', name: 'فهد المطيري', role: 'delegate', side: 'kw' },
    { label: 'secretary', name: 'Amal Secretariat', role: 'secretary' },
  ]);
  const [uk, kw, secretary] = users;
  const ukPage = await (await signedInContext(browser, uk!)).newPage();
  const kwPage = await (await signedInContext(browser, kw!)).newPage();
  await openMinutes(ukPage, meeting.id);
  await typeAtEnd(ukPage, arabic);
  await typeAtEnd(ukPage, english);
  await expect(ukPage.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await openMinutes(kwPage, meeting.id);
  await expect(editorOf(kwPage)).toContainText(english);
  // An English amendment on Arabic words, and an Arabic one on English words.
  await propose(ukPage, 'ضباط الاتصال', 'liaison officers', 'The term used in the 2025 memorandum.');
  await propose(kwPage, 'in March', 'في شهر أبريل', 'موعد أنسب.');

  const shots = process.env.AMEND_SHOTS_DIR;
  for (const [label, viewport, locale] of [
    ['desktop', { width: 1280, height: 900 }, 'ar'],
    ['phone', { width: 390, height: 844 }, 'ar'],
    ['desktop-en', { width: 1280, height: 900 }, 'en'],
  ] as const) {
    const context = await signedInContext(browser, secretary!, { viewport, bypassCSP: true });
    expect((await context.request.put('/api/me/preferences', { data: { locale } })).status()).toBe(200);
    const page = await context.newPage();
    await openMinutes(page, meeting.id);
    await expect(page.locator('html')).toHaveAttribute('dir', locale === 'ar' ? 'rtl' : 'ltr');
    const [ukName, kwName] = locale === 'ar' ? ['المملكة المتحدة', 'الكويت'] : ['United Kingdom', 'Kuwait'];
    await expect(proposalOnText(page, 'liaison officers')).toContainText(ukName);
    await expect(proposalOnText(page, 'في شهر أبريل')).toContainText(kwName);
    await expect(proposalOnText(page, 'liaison officers').locator('ins')).toHaveAttribute('dir', 'auto');
    const margin = page.getByTestId('annotations-margin');
    await editorOf(page).locator('p', { hasText: 'joint exercise' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: info.outputPath(`amend-${label}-text.png`) });
    if (label === 'phone') {
      await expect(margin).toBeHidden();
      await page.getByTestId('margin-toggle').click();
      await expect(margin).toBeVisible();
    }
    // In the order of the text: the Arabic paragraph comes first.
    await expect(margin.getByTestId('amendment')).toHaveCount(2);
    await expect(margin.getByTestId('amendment').first()).toContainText('liaison officers');
    await expect(margin.getByTestId('amendment').last()).toContainText('في شهر أبريل');
    await page.screenshot({ path: info.outputPath(`amend-${label}.png`) });
    if (label === 'desktop') {
      await editorOf(page).locator('p', { hasText: 'الاتصال' }).screenshot({ path: info.outputPath('amend-ar-with-en.png') });
      await editorOf(page).locator('p', { hasText: 'joint exercise' }).screenshot({ path: info.outputPath('amend-en-with-ar.png') });
    }
    if (shots) for (const name of fs.readdirSync(info.outputDir)) if (name.startsWith('amend-')) fs.copyFileSync(path.join(info.outputDir, name), path.join(shots, name));
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }
  await admin.dispose();
});
