import { expect, test, type Page, type Response } from '@playwright/test';
import { ADMIN, meetingWithMembers } from './support/api.js';

/** The JavaScript a user downloads before the first page after sign-in is usable (compressed). */
const FIRST_PAGE_JS_BUDGET = 150_000;

interface Loaded {
  url: string;
  bytes: number;
  encoding: string | undefined;
  cacheControl: string | undefined;
}

/** Every script the page loads from now on, with the bytes that went over the wire. */
function recordScripts(page: Page): Loaded[] {
  const loaded: Loaded[] = [];
  page.on('requestfinished', (request) => {
    if (request.resourceType() !== 'script') return;
    void (async () => {
      const [sizes, response] = await Promise.all([request.sizes(), request.response()]);
      const headers = (await response?.allHeaders()) ?? {};
      loaded.push({ url: request.url(), bytes: sizes.responseBodySize, encoding: headers['content-encoding'], cacheControl: headers['cache-control'] });
    })();
  });
  return loaded;
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

test('the sign-in page and the first page after it load at most 150 kB of compressed JavaScript; the editor only with a meeting', async ({ browser }) => {
  const { meeting } = await meetingWithMembers([]);
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts = recordScripts(page);
  let documentResponse: Response | null = null;
  page.on('response', (r) => {
    if (r.request().resourceType() === 'document') documentResponse = r;
  });

  await page.goto('/login');
  await expect(page.getByTestId('login-submit')).toBeVisible();
  await page.getByTestId('login-email').fill(ADMIN.email);
  await page.getByTestId('login-password').fill(ADMIN.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-name')).toBeAttached();
  await expect(page.locator('main h1').first()).toBeVisible();
  await page.waitForLoadState('networkidle');

  const firstPage = [...scripts];
  const total = firstPage.reduce((sum, s) => sum + s.bytes, 0);
  const list = firstPage.map((s) => `${new URL(s.url).pathname} ${kB(s.bytes)} ${s.encoding ?? 'uncompressed'}`).join('\n');
  console.log(`JavaScript for sign-in and the first page: ${kB(total)}\n${list}`);
  expect(firstPage.length).toBeGreaterThan(0);
  expect(total, list).toBeLessThanOrEqual(FIRST_PAGE_JS_BUDGET);
  // Compressed and cached for good: the files are named by their content.
  for (const script of firstPage) {
    expect(script.encoding, script.url).toBe('br');
    expect(script.cacheControl, script.url).toBe('public, max-age=31536000, immutable');
  }
  // The page itself is checked again on every load, so a new version is seen at once.
  expect((await documentResponse!.allHeaders())['cache-control']).toBe('no-cache');
  // Nor is zod: the server validates with it, and the client takes only its types (a value
  // imported from a module that builds schemas brought all of zod in: 80 kB of 530).
  for (const script of firstPage) {
    const source = await (await context.request.get(script.url)).text();
    expect(source.includes('$ZodType'), `${new URL(script.url).pathname} holds zod`).toBe(false);
  }
  // The editor (Tiptap, Yjs) is not part of it ...
  expect(firstPage.map((s) => s.url).filter((url) => /MinutesEditor/.test(url))).toEqual([]);

  // ... and comes with the first meeting opened.
  await page.goto(`/meetings/${meeting.id}`);
  await expect(page.getByTestId('minutes-editor')).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => scripts.filter((s) => /MinutesEditor/.test(s.url)).length).toBeGreaterThan(0);
  await context.close();
});
