import { expect, test } from '@playwright/test';
import { axeViolations, severe } from './support/axe.js';
import { DELEGATIONS, editorOf, meetingWithMembers, openMinutes, signedInContext, answerQuestion } from './support/api.js';

const NEW_PLACE = 'لندن — لانكستر هاوس';

test('a secretary edits the details and approves the minutes; the other side sees it live, without a reload', async ({ browser }) => {
  const { admin, meeting, members } = await meetingWithMembers([
    { label: 'secretary', name: 'أمانة مجموعة العمل', role: 'secretary' },
    { label: 'uk-delegate', name: 'Jane Smith', role: 'delegate' },
  ]);
  const [secretary, delegate] = members as [(typeof members)[0], (typeof members)[0]];
  await admin.updateMeeting(meeting.id, { delegations: DELEGATIONS });

  const kw = await signedInContext(browser, secretary);
  // The UK delegate's browser is on London time: the meeting's time is shown with theirs.
  const uk = await signedInContext(browser, delegate, { timezoneId: 'Europe/London' });
  const a = await kw.newPage();
  const b = await uk.newPage();
  await openMinutes(a, meeting.id);
  await openMinutes(b, meeting.id);
  await b.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  const notReloaded = () => b.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);

  // Dates: Kuwait time for everyone; the London viewer also sees their own clock.
  await expect(a.getByTestId('meeting-date')).toContainText('توقيت الكويت');
  await expect(a.getByTestId('meeting-your-time')).toHaveCount(0);
  // The group's pages write digits as the group does: Western by default.
  await expect(b.getByTestId('meeting-date')).toContainText('10:00');
  await expect(b.getByTestId('meeting-your-time')).toContainText('7:00');
  await expect(b.getByTestId('meeting-place')).toHaveText('اجتماع افتراضي');
  // Only secretaries edit the details or change the status.
  await expect(b.getByTestId('details-edit')).toHaveCount(0);
  await expect(b.locator('[data-testid^="set-status-"]')).toHaveCount(0);
  await expect(b.getByTestId('details-summary')).toContainText('الحضور: 4');
  await b.getByTestId('details-toggle').click();
  await expect(b.getByTestId('details-toggle')).toHaveAttribute('aria-expanded', 'true');
  await expect(b.getByTestId('details-view')).toContainText('Sarah Thompson');

  // The secretary: in person now, a new place, and one more attendee for the UK side.
  await a.getByTestId('details-edit').click();
  const form = a.getByTestId('details-form');
  await form.getByTestId('details-virtual').uncheck();
  await form.getByTestId('details-place').fill(NEW_PLACE);
  const ukDelegation = form.getByTestId('delegation-editor').filter({ has: a.locator('input[value="United Kingdom"]') });
  await ukDelegation.getByTestId('add-attendee').click();
  const added = ukDelegation.getByTestId('attendee-row').last();
  await added.getByTestId('attendee-name').fill('Emily Clarke');
  await added.getByTestId('attendee-title').fill('Second Secretary, British Embassy Kuwait');
  await added.getByTestId('attendee-role').fill('Member');
  await a.screenshot({ path: 'e2e/artifacts/meeting-details-edit.png', fullPage: true });
  await form.getByTestId('details-save').click();
  await expect(form).toHaveCount(0);
  await expect(a.getByTestId('meeting-place')).toHaveText(NEW_PLACE);

  // The delegate's page follows: place, attendee, counts; no reload.
  await expect(b.getByTestId('meeting-place')).toHaveText(NEW_PLACE);
  await expect(b.getByTestId('details-view')).toContainText('Emily Clarke');
  await expect(b.getByTestId('details-view')).toContainText('Second Secretary, British Embassy Kuwait');
  await expect(b.getByTestId('details-summary')).toContainText('الحضور: 5');
  expect(await notReloaded()).toBe(true);
  await b.evaluate(() => window.scrollTo(0, 0));
  await b.screenshot({ path: 'e2e/artifacts/meeting-details-live.png', fullPage: true });

  // The stored meeting has exactly that.
  const stored = await (await admin.ctx.get(`/api/meetings/${meeting.id}`)).json();
  expect(stored.place).toBe(NEW_PLACE);
  expect(stored.isVirtual).toBe(false);
  expect(stored.delegations[1].attendees.map((x: { name: string }) => x.name)).toEqual(['Sarah Thompson', 'James Carter', 'Emily Clarke']);
  expect(stored.delegations[0]).toEqual(DELEGATIONS[0]);

  // Circulate, then approve: both pages are locked at once.
  await a.getByTestId('set-status-circulated').click();
  await expect(b.getByTestId('meeting-status')).toHaveText('معمَّم');
  await a.getByTestId('set-status-approved').click();
  // The question is asked in the page, in Arabic, right to left, and passes axe.
  const question = a.getByTestId('confirm-dialog');
  await expect(question.getByTestId('confirm-yes')).toHaveText('تأكيد');
  await expect(question.getByTestId('confirm-yes')).toBeFocused();
  expect(await question.evaluate((d) => getComputedStyle(d).direction)).toBe('rtl');
  expect(severe(await axeViolations(a, { include: '[data-testid="confirm-dialog"]' }))).toEqual([]);
  await question.screenshot({ path: 'e2e/artifacts/confirm-question.png' });
  await answerQuestion(a);
  for (const page of [a, b]) {
    await expect(page.getByTestId('readonly-banner')).toHaveAttribute('data-reason', 'approved');
    await expect(page.getByTestId('meeting-status')).toHaveText('معتمد');
    await expect(editorOf(page)).toHaveAttribute('contenteditable', 'false');
    await expect(page.getByTestId('toolbar')).toHaveCount(0);
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  }
  expect(await notReloaded()).toBe(true);
  await b.evaluate(() => window.scrollTo(0, 0));
  await b.screenshot({ path: 'e2e/artifacts/meeting-approved.png' });

  // Reopened: editable again for the delegate, still without a reload.
  await a.getByTestId('set-status-draft').click();
  await answerQuestion(a);
  await expect(b.getByTestId('readonly-banner')).toHaveCount(0);
  await expect(editorOf(b)).toHaveAttribute('contenteditable', 'true');
  await expect(b.getByTestId('meeting-status')).toHaveText('مسودة');
  await editorOf(b).click();
  await b.keyboard.press('Control+End');
  await b.keyboard.type('أُعيد فتح المحضر');
  await expect(editorOf(a)).toContainText('أُعيد فتح المحضر');
  await expect(b.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  expect(await notReloaded()).toBe(true);

  await kw.close();
  await uk.close();
  await admin.dispose();
});
