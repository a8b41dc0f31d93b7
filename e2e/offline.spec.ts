import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { editorOf, meetingWithMembers, openMinutes, signedInContext, typeAtEnd, answerQuestion } from './support/api.js';

const OFFLINE_TEXT = 'أقرّ الجانبان جدول التمارين المشتركة للعام القادم';
const STALE_TEXT = 'تعديل كُتب دون اتصال قبل اعتماد المحضر';
const DISCARDED_TEXT = 'ملاحظة لن تصل إلى الخادم';

/**
 * Routes every collab websocket of the context through the test, so that it can "drop the
 * network" for the editor while the REST API stays reachable.
 */
async function cuttableCollab(context: BrowserContext) {
  let online = true;
  const open: { close: (options: { code: number; reason: string }) => Promise<void> }[] = [];
  await context.routeWebSocket(/\/collab\//, (ws) => {
    if (!online) {
      void ws.close({ code: 1013, reason: 'network down' });
      return;
    }
    ws.connectToServer();
    open.push(ws);
  });
  return {
    async cut() {
      online = false;
      for (const ws of open.splice(0)) await ws.close({ code: 1012, reason: 'network down' });
    },
    restore() {
      online = true;
    },
  };
}

/** Names of the IndexedDB databases that hold this user's local copies of minutes. */
function localCopies(page: Page, userId: string): Promise<string[]> {
  return page.evaluate(
    async (prefix) =>
      (await indexedDB.databases())
        .map((database) => database.name ?? '')
        .filter((name) => name.startsWith(prefix))
        .sort(),
    `mahdar:${userId}:`,
  );
}

/** Waits until every write queued on the copy is committed (a later transaction reads it). */
function flushLocalCopy(page: Page, name: string): Promise<number> {
  return page.evaluate(
    (databaseName) =>
      new Promise<number>((resolve, reject) => {
        const request = indexedDB.open(databaseName);
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const count = db.transaction('updates', 'readonly').objectStore('updates').count();
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
          count.onerror = () => reject(count.error);
        };
      }),
    name,
  );
}

function indexKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('mahdar.localCopies.')));
}

/**
 * A delegate with the minutes open whose editor has lost its connection and who typed `text`,
 * now kept only in the browser's local copy.
 */
async function typedOffline(browser: Browser, label: string, text: string) {
  const { admin, meeting, members } = await meetingWithMembers([{ label, name: 'Jane Smith', role: 'delegate' }]);
  const delegate = members[0]!;
  const copyName = `mahdar:${delegate.id}:${meeting.id}`;
  const context = await signedInContext(browser, delegate);
  const network = await cuttableCollab(context);
  const page = await context.newPage();
  await openMinutes(page, meeting.id);
  await network.cut();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'offline');
  await typeAtEnd(page, text);
  await flushLocalCopy(page, copyName);
  return { admin, meeting, delegate, copyName, context, network, page };
}

test('edits typed offline survive closing the page, are sent when the minutes are opened again, and sign-out deletes the copy', async ({
  browser,
}) => {
  const { admin, meeting, members } = await meetingWithMembers([{ label: 'offline-delegate', name: 'Jane Smith', role: 'delegate' }]);
  const delegate = members[0]!;
  const copyName = `mahdar:${delegate.id}:${meeting.id}`;
  const context = await signedInContext(browser, delegate);
  const network = await cuttableCollab(context);
  const page = await context.newPage();
  await openMinutes(page, meeting.id);
  expect(await localCopies(page, delegate.id)).toEqual([copyName]);

  await network.cut();
  const status = page.getByTestId('save-status');
  await expect(status).toHaveAttribute('data-state', 'offline');
  await typeAtEnd(page, OFFLINE_TEXT);
  await expect(status).toHaveAttribute('data-state', 'offline');
  await expect(status).toContainText('لن تضيع تغييراتك');
  await flushLocalCopy(page, copyName);
  expect(await admin.minutesText(meeting.id)).not.toContain(OFFLINE_TEXT);

  // Closing the tab still asks first (the browser's own question), and closes when told to.
  const beforeUnload = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const dialog = await beforeUnload;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.accept();
  await expect.poll(() => page.isClosed()).toBe(true);

  // Reopened in the same browser, still offline: the text is there, from this device.
  const again = await context.newPage();
  await again.goto(`/meetings/${meeting.id}`);
  await expect(editorOf(again)).toContainText(OFFLINE_TEXT);
  const againStatus = again.getByTestId('save-status');
  await expect(againStatus).toHaveAttribute('data-state', 'offline');
  expect(await admin.minutesText(meeting.id)).not.toContain(OFFLINE_TEXT);

  // Back online: sent with the first sync, committed by the server, then "saved".
  network.restore();
  await expect(againStatus).toHaveAttribute('data-state', 'saved', { timeout: 15_000 });
  await expect(againStatus).toContainText('محفوظ');
  expect(await admin.minutesText(meeting.id)).toContain(OFFLINE_TEXT);
  await expect(editorOf(again)).toContainText(OFFLINE_TEXT);

  // Nothing unsent: signing out asks nothing, and deletes this user's copies.
  const dialogs: string[] = [];
  again.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  expect(await localCopies(again, delegate.id)).toEqual([copyName]);
  await again.getByTestId('sign-out').click();
  await expect(again).toHaveURL(/\/login$/);
  await expect.poll(() => localCopies(again, delegate.id)).toEqual([]);
  expect(await indexKeys(again)).toEqual([]);
  expect(dialogs).toEqual([]);

  await context.close();
  await admin.dispose();
});

test('signing out with unsent changes asks first, and discards them when confirmed', async ({ browser }) => {
  const { admin, meeting, delegate, copyName, context, page } = await typedOffline(browser, 'signout-delegate', DISCARDED_TEXT);

  // One question per click, in the page (not the browser's "leave?" on top of it).
  const native: string[] = [];
  page.on('dialog', (d) => {
    native.push(d.message());
    void d.dismiss();
  });
  await page.getByTestId('sign-out').click();
  expect(await answerQuestion(page, false)).toContain('تسجيل الخروج الآن يحذفها');
  await expect(page).toHaveURL(new RegExp(`/meetings/${meeting.id}$`));
  await expect(editorOf(page)).toContainText(DISCARDED_TEXT);
  expect(await localCopies(page, delegate.id)).toEqual([copyName]);

  await page.getByTestId('sign-out').click();
  await answerQuestion(page, true);
  await expect(page).toHaveURL(/\/login$/);
  expect(native).toEqual([]);
  await expect.poll(() => localCopies(page, delegate.id)).toEqual([]);
  expect(await indexKeys(page)).toEqual([]);
  expect(await admin.minutesText(meeting.id)).not.toContain(DISCARDED_TEXT);

  await context.close();
  await admin.dispose();
});

test('a local copy of minutes approved meanwhile is not shown as saved: read-only, the server copy, and the copy deleted', async ({
  browser,
}) => {
  const { admin, meeting, delegate, context, network, page } = await typedOffline(browser, 'stale-delegate', STALE_TEXT);
  await page.close();

  await admin.updateMeeting(meeting.id, { status: 'approved' });
  network.restore();

  const again = await context.newPage();
  await again.goto(`/meetings/${meeting.id}`);
  await expect(again.getByTestId('readonly-banner')).toHaveAttribute('data-reason', 'approved');
  await expect(editorOf(again)).toBeVisible();
  const status = again.getByTestId('save-status');
  await expect(status).toHaveAttribute('data-state', 'saved');
  await expect(status).toContainText('محدَّث');
  await expect(status).not.toContainText('محفوظ');
  await expect(editorOf(again)).toHaveAttribute('contenteditable', 'false');
  // The template is there (the server's copy), the stale edit is not.
  await expect(editorOf(again)).not.toBeEmpty();
  await expect(editorOf(again)).not.toContainText(STALE_TEXT);
  await expect.poll(() => localCopies(again, delegate.id)).toEqual([]);
  expect(await admin.minutesText(meeting.id)).not.toContain(STALE_TEXT);

  await context.close();
  await admin.dispose();
});

test('minutes approved while edits wait offline: the editor starts over from the server copy and the local copy is deleted', async ({
  browser,
}) => {
  const { admin, meeting, delegate, context, network, page } = await typedOffline(browser, 'approved-live', STALE_TEXT);

  // The page hears of the approval over socket.io (still up): read-only, and what it had not
  // sent is not shown as part of the minutes any more.
  await admin.updateMeeting(meeting.id, { status: 'approved' });
  await expect(page.getByTestId('readonly-banner')).toHaveAttribute('data-reason', 'approved');
  await expect(editorOf(page)).not.toContainText(STALE_TEXT);
  await expect.poll(() => localCopies(page, delegate.id)).toEqual([]);

  network.restore();
  const status = page.getByTestId('save-status');
  await expect(status).toHaveAttribute('data-state', 'saved', { timeout: 15_000 });
  await expect(status).toContainText('محدَّث');
  await expect(editorOf(page)).not.toBeEmpty();
  await expect(editorOf(page)).not.toContainText(STALE_TEXT);
  expect(await admin.minutesText(meeting.id)).not.toContain(STALE_TEXT);

  await context.close();
  await admin.dispose();
});

test('an observer keeps no local copy, and a delegate removed from the group loses theirs', async ({ browser }) => {
  const { admin, group, meeting, members } = await meetingWithMembers([
    { label: 'copy-observer', name: 'Observer', role: 'observer' },
    { label: 'copy-removed', name: 'Removed delegate', role: 'delegate' },
  ]);
  const [observer, removed] = [members[0]!, members[1]!];

  const observerContext = await signedInContext(browser, observer);
  const observerPage = await observerContext.newPage();
  await openMinutes(observerPage, meeting.id);
  await expect(observerPage.getByTestId('readonly-banner')).toBeVisible();
  expect(await localCopies(observerPage, observer.id)).toEqual([]);

  const context = await signedInContext(browser, removed);
  const page = await context.newPage();
  await openMinutes(page, meeting.id);
  await typeAtEnd(page, 'مداخلة قبل الإبعاد');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  expect(await localCopies(page, removed.id)).toEqual([`mahdar:${removed.id}:${meeting.id}`]);

  const response = await admin.ctx.delete(`/api/groups/${group.id}/members/${removed.id}`);
  expect(response.status()).toBe(204);
  await expect(page.getByTestId('editor-refused')).toBeVisible();
  await expect.poll(() => localCopies(page, removed.id)).toEqual([]);
  expect(await indexKeys(page)).toEqual([]);

  await observerContext.close();
  await context.close();
  await admin.dispose();
});

test('each open editor tab holds a lock of its own, released when the tab closes (a tab still open keeps its unsent changes marked)', async ({ browser }) => {
  const { admin, meeting, members } = await meetingWithMembers([{ label: 'two-tabs', name: 'Two tabs', role: 'delegate' }]);
  const context = await signedInContext(browser, members[0]!);
  const connectionLocks = (page: Page) =>
    page.evaluate(async () => ((await navigator.locks.query()).held ?? []).map((lock) => lock.name ?? '').filter((name) => name.startsWith('mahdar.connection.')));
  const first = await context.newPage();
  await openMinutes(first, meeting.id);
  const second = await context.newPage();
  await openMinutes(second, meeting.id);
  await expect.poll(async () => (await connectionLocks(first)).length).toBe(2);
  await second.close();
  await expect.poll(async () => (await connectionLocks(first)).length).toBe(1);

  await context.close();
  await admin.dispose();
});
