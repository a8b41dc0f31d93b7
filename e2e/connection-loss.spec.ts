import { expect, test, type Page } from '@playwright/test';
import { Api, editorOf, meetingWithMembers, openMinutes, signedInContext, typeAtEnd } from './support/api.js';
import { startNetworkProxy } from './support/networkProxy.js';

/** Issue 8: "offline" within 5 s of losing the network, "saved" within 5 s of getting it back. */
const LIMIT_MS = 5_000;

const BEFORE = 'أقرّ الجانبان محضر الاجتماع الخامس عشر';
const DURING = 'بدأ النقاش حول التمرين المشترك';
const OFFLINE = 'The UK side will share the exercise calendar';

declare global {
  interface Window {
    statusLog?: { state: string; at: number }[];
  }
}

/**
 * Records in the page every change of the status with the time it happened (the page and this
 * process share the machine's clock), so timings do not depend on how often `expect` polls.
 */
async function recordStatus(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log: { state: string; at: number }[] = [];
    window.statusLog = log;
    new MutationObserver((records) => {
      for (const record of records) {
        const element = record.target as Element;
        if (element.getAttribute('data-testid') === 'save-status') log.push({ state: element.getAttribute('data-state') ?? '', at: Date.now() });
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-state'] });
  });
}

/** Waits until the status has shown `state` after `since`; how long after `since` it did. */
async function msUntil(page: Page, state: string, since: number): Promise<number> {
  const at = () => page.evaluate(({ state, since }) => window.statusLog?.find((e) => e.state === state && e.at >= since)?.at ?? null, { state, since });
  await expect.poll(at, { timeout: 40_000, message: `status "${state}"` }).not.toBeNull();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', state);
  return (await at())! - since;
}

async function expectStored(admin: Api, meetingId: string, texts: string[], stored: boolean): Promise<void> {
  const minutes = await admin.minutesText(meetingId);
  for (const text of texts) {
    if (stored) expect(minutes).toContain(text);
    else expect(minutes).not.toContain(text);
  }
}

for (const how of ['silent', 'browser event'] as const) {
  test(`a network loss (${how}) shows offline within 5 s, and saved within 5 s of its return, with nothing lost`, async ({ browser }) => {
    const { admin, meeting, members } = await meetingWithMembers([{ label: `loss-${how.replace(' ', '-')}`, name: 'Jane Smith', role: 'delegate' }]);
    const network = await startNetworkProxy();
    const context = await signedInContext(browser, members[0]!, network.contextOptions);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await openMinutes(page, meeting.id);
    await typeAtEnd(page, BEFORE);
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
    await recordStatus(page);

    // Silent: bytes stop, nothing is closed (a dead Wi-Fi, a router gone). With the browser's
    // event: the same, and the operating system reports the network gone.
    const cut = Date.now();
    network.blackHole();
    if (how === 'browser event') await context.setOffline(true);
    await page.keyboard.type(` ${DURING}`);
    const offlineAfter = await msUntil(page, 'offline', cut);
    expect(offlineAfter).toBeLessThan(how === 'silent' ? LIMIT_MS : 1_000);
    await typeAtEnd(page, OFFLINE);
    await expect(page.getByTestId('save-status')).toContainText(how === 'silent' ? 'لن تضيع تغييراتك' : 'غير متصل');
    // Stay away long enough for several reconnection attempts to hang and be given up.
    await page.waitForTimeout(6_000);
    await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'offline');
    await expectStored(admin, meeting.id, [DURING, OFFLINE], false);

    const back = Date.now();
    network.restore();
    if (how === 'browser event') await context.setOffline(false);
    const savedAfter = await msUntil(page, 'saved', back);
    expect(savedAfter).toBeLessThan(LIMIT_MS);
    // "Saved" came from the server: everything typed is in the stored minutes.
    await expectStored(admin, meeting.id, [BEFORE, DURING, OFFLINE], true);
    await expect(editorOf(page)).toContainText(OFFLINE);
    expect(errors).toEqual([]);

    const timing = `${how}: offline after ${(offlineAfter / 1000).toFixed(2)} s, saved ${(savedAfter / 1000).toFixed(2)} s after the network returned`;
    test.info().annotations.push({ type: 'timing', description: timing });
    console.log(timing);

    await context.close();
    await network.close();
    await admin.dispose();
  });
}

test('the offline status fits the editor bar on a phone, in Arabic and in English', async ({ browser }) => {
  const { admin, meeting, members } = await meetingWithMembers([{ label: 'phone-delegate', name: 'Jane Smith', role: 'delegate' }]);
  const context = await signedInContext(browser, members[0]!, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await openMinutes(page, meeting.id);
  const status = page.getByTestId('save-status');
  const bar = page.locator('.editor-bar');
  const savedBox = (await status.boundingBox())!;

  await context.setOffline(true);
  await expect(status).toHaveAttribute('data-state', 'offline');
  for (const language of ['ar', 'en'] as const) {
    if (language === 'en') {
      await page.getByTestId('lang-switch').click();
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    }
    await editorOf(page).click();
    await page.mouse.wheel(0, 400);
    await expect(status).toBeInViewport({ ratio: 1 });
    await page.screenshot({ path: `e2e/artifacts/offline-phone-${language}.png` });

    const box = (await status.boundingBox())!;
    const barBox = (await bar.boundingBox())!;
    // Inside the bar, and the bar inside the screen: nothing cut off, no sideways scrolling.
    expect(box.x).toBeGreaterThanOrEqual(barBox.x);
    expect(box.x + box.width).toBeLessThanOrEqual(barBox.x + barBox.width);
    expect(box.y).toBeGreaterThanOrEqual(barBox.y);
    expect(box.y + box.height).toBeLessThanOrEqual(barBox.y + barBox.height);
    expect(barBox.x).toBeGreaterThanOrEqual(0);
    expect(barBox.x + barBox.width).toBeLessThanOrEqual(360);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // One line, like "saved": the label does not wrap into a tall pill.
    expect(box.height).toBeLessThanOrEqual(savedBox.height + 1);
    await expect(status).toContainText(language === 'ar' ? 'غير متصل' : 'Offline');
  }
  // Screen readers still hear the whole sentence.
  await expect(status).toContainText('your changes are kept and will be sent');

  await context.close();
  await admin.dispose();
});
