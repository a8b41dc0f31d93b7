import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { ADMIN, Api, DELEGATIONS, editorOf, isoDay, signedInContext, unique, type Account } from './api.js';

/**
 * Every page of the app once, for the checks that must hold on all of them (layout at four
 * widths, axe, screenshots). A page added to the app is one more row of `APP_PAGES`.
 */

export type Lang = 'ar' | 'en';
export const LANGS: Lang[] = ['ar', 'en'];

/** What the rows need: a group with sides and members, a meeting with minutes, an observer. */
export interface Scenario {
  admin: Api;
  observer: Required<Account>;
  groupId: string;
  meetingId: string;
  invitePath: string;
}

export interface AppPage {
  name: string;
  /** Who looks at it: a signed-in user, nobody (sign-in, invitation), or the first-start server. */
  as: 'admin' | 'observer' | 'anonymous' | 'setup';
  path: (s: Scenario) => string;
  /** Resolves once the page shows what it is for (and is not a spinner). */
  ready: (page: Page) => Promise<void>;
}

export const SETUP_URL = process.env.E2E_SETUP_URL ?? 'http://127.0.0.1:3124';
const SAMPLE = '/work/shared/samples/defence-working-group-news-ar.txt';
const FALLBACK_SAMPLE =
  'عقدت أولى مجموعات العمل ضمن مجموعة التوجيه المشتركة الكويتية البريطانية اجتماعها افتراضيا اليوم الأربعاء، وكان تعزيز التعاون الدفاعي على رأس أجندة الاجتماع.';

/** Arabic minutes text: the sample news item's paragraphs when present. */
export function sampleParagraphs(): string[] {
  const text = fs.existsSync(SAMPLE) ? fs.readFileSync(SAMPLE, 'utf8') : FALLBACK_SAMPLE;
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .slice(0, 3);
}

const SIDES = [
  { key: 'kw', nameAr: 'الكويت', nameEn: 'Kuwait' },
  { key: 'uk', nameAr: 'المملكة المتحدة', nameEn: 'United Kingdom' },
];

export const ACTION_ITEM_TASK = 'إعداد مسودة خطة التمرين المشترك «مقاتل الصحراء» للعام القادم';

/** Writes Arabic minutes and an action item (owner, due date) as the admin, in a browser. */
async function writeMinutes(browser: Browser, meetingId: string): Promise<void> {
  const context = await signedInContext(browser, ADMIN);
  const page = await context.newPage();
  // The first editor of a run loads the editor's code on a busy machine: more time than usual.
  await page.goto(`/meetings/${meetingId}`);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved', { timeout: 30_000 });
  await editorOf(page).click();
  await page.keyboard.press('Control+End');
  for (const paragraph of sampleParagraphs()) {
    await page.keyboard.press('Enter');
    await page.keyboard.insertText(paragraph);
  }
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+Alt+a');
  await page.keyboard.insertText(ACTION_ITEM_TASK);
  const item = editorOf(page).locator('div[data-type="action-item"]').filter({ hasText: ACTION_ITEM_TASK });
  await item.getByTestId('action-item-owner').fill('الكويت');
  await item.getByTestId('action-item-due').fill(isoDay(-3));
  await expect(item).toHaveAttribute('data-due', isoDay(-3));
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  await context.close();
}

/**
 * The scenario of this run, built once: a worker that restarts after a failed test (and the
 * other specs using it) read it back instead of building another.
 */
export async function scenarioFor(browser: Browser, outputDir: string): Promise<Scenario> {
  const file = path.join(outputDir, `scenario-${path.basename(process.env.MAHDAR_E2E_DATA_DIR ?? 'default')}.json`);
  const admin = await Api.signIn(ADMIN);
  if (fs.existsSync(file)) return { admin, ...(JSON.parse(fs.readFileSync(file, 'utf8')) as Omit<Scenario, 'admin'>) };
  const { admin: _builder, ...built } = await buildScenario(browser, admin);
  fs.mkdirSync(outputDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(built));
  return { admin, ...built };
}

async function buildScenario(browser: Browser, admin: Api): Promise<Scenario> {
  const group = await admin.createGroup('مجموعة العمل في مجال الدفاع', unique('Defence working group'));
  await admin.ctx.patch(`/api/groups/${group.id}`, { data: { sides: SIDES } });
  const secretary = await admin.createUser('layout-secretary', 'مريم عبدالعزيز الصباح');
  const delegate = await admin.createUser('layout-delegate', 'Sarah Thompson');
  const observer = await admin.createUser('layout-observer', 'العقيد سالم العتيبي');
  await admin.ctx.put(`/api/groups/${group.id}/members/${secretary.id}`, { data: { role: 'secretary', side: 'kw', approver: true } });
  await admin.ctx.put(`/api/groups/${group.id}/members/${delegate.id}`, { data: { role: 'delegate', side: 'uk', approver: true } });
  await admin.setMember(group.id, observer.id, 'observer');
  const meeting = await admin.createMeeting(group.id, 'الاجتماع السادس عشر لمجموعة عمل الدفاع', 'Sixteenth meeting of the defence working group');
  await admin.updateMeeting(meeting.id, { delegations: DELEGATIONS, isVirtual: false, place: 'الكويت — قصر بيان' });
  await admin.createMeeting(group.id, 'الاجتماع السابع عشر لمجموعة عمل الدفاع', 'Seventeenth meeting of the defence working group');
  await writeMinutes(browser, meeting.id);
  // A version in the history: its row (number, kind, name, author, time, hash, four actions) must fit a phone too.
  const version = await admin.ctx.post(`/api/meetings/${meeting.id}/versions`, { data: { label: 'مسودة أولى للمراجعة' } });
  expect(version.status()).toBe(201);
  const invitation = await admin.ctx.post('/api/invitations', { data: { email: `${unique('invitee')}@example.test` } });
  expect(invitation.status()).toBe(201);
  const { path } = (await invitation.json()) as { path: string };
  return { admin, observer, groupId: group.id, meetingId: meeting.id, invitePath: path };
}

async function minutesReady(page: Page): Promise<void> {
  await expect(editorOf(page)).toBeVisible({ timeout: 30_000 });
  await expect(editorOf(page)).toContainText(ACTION_ITEM_TASK);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
}

export const APP_PAGES: AppPage[] = [
  { name: 'login', as: 'anonymous', path: () => '/login', ready: (p) => expect(p.getByTestId('login-submit')).toBeVisible() },
  { name: 'setup', as: 'setup', path: () => `${SETUP_URL}/`, ready: (p) => expect(p.locator('form input[type="password"]').first()).toBeVisible() },
  { name: 'invite', as: 'anonymous', path: (s) => s.invitePath, ready: (p) => expect(p.locator('form input[type="password"]').first()).toBeVisible() },
  { name: 'groups', as: 'admin', path: () => '/', ready: (p) => expect(p.getByTestId('group-list')).toBeVisible() },
  { name: 'group', as: 'admin', path: (s) => `/groups/${s.groupId}`, ready: (p) => expect(p.getByTestId('meeting-list')).toBeVisible() },
  {
    name: 'meeting',
    as: 'admin',
    path: (s) => `/meetings/${s.meetingId}`,
    ready: async (p) => {
      await minutesReady(p);
      // The delegations shown, as a secretary checking attendance would.
      const toggle = p.getByTestId('details-toggle');
      if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
      await expect(p.getByTestId('details-view')).toBeVisible();
    },
  },
  {
    name: 'meeting-details-form',
    as: 'admin',
    path: (s) => `/meetings/${s.meetingId}`,
    ready: async (p) => {
      await minutesReady(p);
      await p.getByTestId('details-edit').click();
      await expect(p.locator('.details-form')).toBeVisible();
    },
  },
  {
    name: 'meeting-observer',
    as: 'observer',
    path: (s) => `/meetings/${s.meetingId}`,
    ready: async (p) => {
      await minutesReady(p);
      await expect(p.getByTestId('readonly-banner')).toBeVisible();
    },
  },
  { name: 'tracker', as: 'admin', path: (s) => `/action-items?groupId=${s.groupId}`, ready: (p) => expect(p.getByTestId('tracker-table')).toContainText(ACTION_ITEM_TASK) },
  {
    name: 'search',
    as: 'admin',
    path: (s) => `/search?${new URLSearchParams({ q: 'مقاتل الصحراء', groupId: s.groupId }).toString()}`,
    // The minutes are indexed after they are saved: allow for that.
    ready: (p) => expect(p.getByTestId('search-result').first()).toBeVisible({ timeout: 30_000 }),
  },
  {
    name: 'admin',
    as: 'admin',
    path: () => '/admin',
    ready: async (p) => {
      await expect(p.locator('main h1')).toBeVisible();
      // Its newest accounts: the admin's own is not among them once a page's worth were added.
      await expect(p.getByTestId('user-row').first()).toBeAttached();
      await expect(p.locator('main .loading')).toHaveCount(0);
    },
  },
];

/** A browser context for `row` in `lang`: signed in (with that interface language) or not. */
export async function contextFor(browser: Browser, row: AppPage, lang: Lang, s: Scenario, viewport: { width: number; height: number }): Promise<BrowserContext> {
  const options = { viewport, locale: lang === 'ar' ? 'ar-KW' : 'en-GB' };
  let context: BrowserContext;
  if (row.as === 'admin' || row.as === 'observer') {
    context = await signedInContext(browser, row.as === 'admin' ? ADMIN : s.observer, options);
    const saved = await context.request.put('/api/me/preferences', { data: { locale: lang } });
    expect(saved.ok()).toBe(true);
  } else {
    context = await browser.newContext(options);
  }
  // The language chosen before signing in, and this browser's copy of the signed-in choice.
  await context.addInitScript((l) => window.localStorage.setItem('mahdar.locale', l), lang);
  return context;
}

/** Opens `row` in `lang` and waits until it is ready. */
export async function openAppPage(page: Page, row: AppPage, lang: Lang, s: Scenario): Promise<void> {
  await page.goto(row.path(s));
  await row.ready(page);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  // Web fonts change line breaks: measure with the final ones.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/**
 * One test per page of APP_PAGES and interface language, all on the scenario of this run (built
 * before the first of them).
 */
export function testEveryPage(title: (row: AppPage, lang: Lang) => string, body: (args: { browser: Browser; row: AppPage; lang: Lang; scenario: Scenario }) => Promise<void>): void {
  let scenario: Scenario;
  test.beforeAll(async ({ browser }, info) => {
    test.setTimeout(120_000);
    scenario = await scenarioFor(browser, info.project.outputDir);
  });
  // The admin is shared by every spec of the run: leave its interface language as the others expect it.
  test.afterAll(async ({ browser }) => {
    const context = await signedInContext(browser, ADMIN);
    await context.request.put('/api/me/preferences', { data: { locale: 'ar' } });
    await context.close();
  });
  for (const row of APP_PAGES) {
    for (const lang of LANGS) {
      test(title(row, lang), ({ browser }) => body({ browser, row, lang, scenario }));
    }
  }
}
