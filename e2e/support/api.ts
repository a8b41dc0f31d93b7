import { expect, request, type APIRequestContext, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test';
import type { ActionItemDto } from '../../shared/api/actionItems.js';
import type { MemberRole } from '../../shared/api/groups.js';
import type { Delegation, MeetingDto, UpdateMeetingBody } from '../../shared/api/meetings.js';

export const ADMIN = {
  email: process.env.E2E_ADMIN_EMAIL ?? 'admin@example.test',
  password: process.env.E2E_ADMIN_PASSWORD ?? 'e2e-admin-password-long-enough',
  name: 'Secretariat',
};

export interface Account {
  id?: string;
  email: string;
  password: string;
  name: string;
}

/** Unique per run, so the specs also work against a shared database. */
export function unique(label: string): string {
  return `${label}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

export function baseURL(): string {
  return `http://127.0.0.1:${process.env.E2E_PORT ?? 3123}`;
}

async function ok<T>(response: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  expect(response.ok(), `${response.url()} → ${response.status()} ${await response.text()}`).toBe(true);
  return (response.status() === 204 ? undefined : await response.json()) as T;
}

/** A REST client signed in as `account` (its own cookie jar). */
export class Api {
  private constructor(readonly ctx: APIRequestContext) {}

  static async signIn(account: Pick<Account, 'email' | 'password'>): Promise<Api> {
    const ctx = await request.newContext({ baseURL: baseURL() });
    await ok(await ctx.post('/api/auth/login', { data: { email: account.email, password: account.password } }));
    return new Api(ctx);
  }

  async createUser(label: string, name: string): Promise<Required<Account>> {
    const email = `${unique(label)}@example.test`;
    const password = 'a-long-enough-password';
    const { id } = await ok<{ id: string }>(await this.ctx.post('/api/users', { data: { email, name, password } }));
    return { id, email, password, name };
  }

  async createGroup(nameAr: string, nameEn: string): Promise<{ id: string }> {
    return ok(await this.ctx.post('/api/groups', { data: { nameAr, nameEn } }));
  }

  async setMember(groupId: string, userId: string, role: MemberRole): Promise<void> {
    await ok(await this.ctx.put(`/api/groups/${groupId}/members/${userId}`, { data: { role } }));
  }

  async createMeeting(groupId: string, titleAr: string, titleEn: string): Promise<MeetingDto> {
    return ok(
      await this.ctx.post(`/api/groups/${groupId}/meetings`, {
        data: { titleAr, titleEn, startsAt: '2027-03-10T10:00:00+03:00', sessionNumber: 16, isVirtual: true, language: 'both' },
      }),
    );
  }

  async updateMeeting(meetingId: string, body: UpdateMeetingBody): Promise<MeetingDto> {
    return ok(await this.ctx.patch(`/api/meetings/${meetingId}`, { data: body }));
  }

  async actionItems(query = ''): Promise<ActionItemDto[]> {
    return ok(await this.ctx.get(`/api/action-items${query ? `?${query}` : ''}`));
  }

  async minutesText(meetingId: string): Promise<string> {
    const response = await this.ctx.get(`/api/meetings/${meetingId}/minutes?format=text`);
    expect(response.ok(), `minutes text → ${response.status()}`).toBe(true);
    const type = response.headers()['content-type'] ?? '';
    if (type.includes('json')) {
      const body = (await response.json()) as unknown;
      return typeof body === 'string' ? body : JSON.stringify(body);
    }
    return response.text();
  }

  dispose(): Promise<void> {
    return this.ctx.dispose();
  }
}

/** A fresh browser context (own cookies) signed in through the API. */
export async function signedInContext(
  browser: Browser,
  account: Pick<Account, 'email' | 'password'>,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await ok(await context.request.post('/api/auth/login', { data: { email: account.email, password: account.password } }));
  return context;
}

/** A group with a meeting, the admin's API client, and extra members with the given roles. */
export async function meetingWithMembers(roles: { label: string; name: string; role: MemberRole }[]) {
  const admin = await Api.signIn(ADMIN);
  const group = await admin.createGroup('مجموعة العمل في مجال الدفاع', unique('Defence working group'));
  const members: Required<Account>[] = [];
  for (const { label, name, role } of roles) {
    const user = await admin.createUser(label, name);
    await admin.setMember(group.id, user.id, role);
    members.push(user);
  }
  const meeting = await admin.createMeeting(group.id, 'الاجتماع السادس عشر لمجموعة العمل', 'Sixteenth meeting of the working group');
  return { admin, group, meeting, members };
}

export function editorOf(page: Page) {
  return page.getByTestId('minutes-editor');
}

/** Opens a meeting and waits for the first sync (status saved/up to date). */
export async function openMinutes(page: Page, meetingId: string): Promise<void> {
  await page.goto(`/meetings/${meetingId}`);
  await expect(editorOf(page)).toBeVisible();
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
}

/** Types `text` in a new paragraph at the end of the minutes. */
export async function typeAtEnd(page: Page, text: string): Promise<void> {
  await editorOf(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type(text);
}

/** The two delegations of a Kuwaiti–British working group (fictional people). */
export const DELEGATIONS: Delegation[] = [
  {
    name: 'الكويت',
    attendees: [
      { name: 'فهد عبدالله المطيري', title: 'وكيل وزارة الدفاع المساعد', role: 'رئيس الوفد' },
      { name: 'العقيد سالم العتيبي', title: 'مدير إدارة التخطيط', role: 'عضو الوفد' },
    ],
  },
  {
    name: 'United Kingdom',
    attendees: [
      { name: 'Sarah Thompson', title: 'Director, Gulf Defence Engagement', role: 'Head of delegation' },
      { name: 'James Carter', title: 'Defence Attaché, Kuwait', role: 'Member' },
    ],
  },
];

/** An action item of the editor, by a piece of its task text. */
export function actionItemOf(page: Page, text: string) {
  return editorOf(page).locator('div[data-type="action-item"]').filter({ hasText: text });
}

/** `YYYY-MM-DD`, `days` from today (negative: in the past). */
export function isoDay(days: number): string {
  const date = new Date(Date.now() + days * 24 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Collects what a user should never cause: console errors, page errors, Tiptap warnings (e.g.
 * a duplicate extension) and CSP refusals. Assert the list is empty at the end of a spec.
 */
export function collectProblems(pages: Page[]): string[] {
  const problems: string[] = [];
  for (const page of pages) {
    page.on('console', (m) => {
      if (m.type() === 'error' || /tiptap warn|Content Security Policy/i.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(String(e)));
  }
  return problems;
}

/**
 * Answers the app's confirmation question (components/confirm.tsx: in the page, in the
 * interface's language) and returns its text; `yes` false answers Cancel.
 */
export async function answerQuestion(page: Page, yes = true): Promise<string> {
  const dialog = page.getByTestId('confirm-dialog');
  await expect(dialog).toBeVisible();
  const text = await dialog.getByTestId('confirm-message').innerText();
  await dialog.getByTestId(yes ? 'confirm-yes' : 'confirm-no').click();
  await expect(dialog).toHaveCount(0);
  return text;
}
