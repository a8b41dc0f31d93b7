import { expect, test, type Browser, type Page } from '@playwright/test';
import { ADMIN } from '../server/src/test/admin.js';
import { ApiClient } from '../server/src/test/apiClient.js';
import { createTestDatabase, type TestDatabase } from '../server/src/test/freshDatabase.js';
import { startLoadBalancer, type LoadBalancer } from '../server/src/test/loadBalancer.js';
import { spawnServer, type ServerProcess } from '../server/src/test/serverProcess.js';
import { editorOf, typeAtEnd } from './support/api.js';

/**
 * Issue 13, in browsers: three processes of the built server on one Postgres behind a
 * round-robin balancer, as a ministry runs them. The process tests speak the protocols
 * themselves; this is what a browser does with them (its socket.io transports, its origin, its
 * reconnection), which is where the balancer once broke live events.
 */

const BUILT = { args: ['dist/node/server/src/main.js'], env: process.env };

let db: TestDatabase | undefined;
let nodes: ServerProcess[] = [];
let balancer: LoadBalancer | undefined;

/** Requests of the pages' live channel (socket.io) that a node refused. */
const refusedLive: string[] = [];

/** A page of the minutes in a browser of its own, signed in with `session` (an ApiClient's cookie). */
async function minutesPage(browser: Browser, url: string, session: string, meetingId: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: url });
  const [name, value] = session.split(/=(.*)/s) as [string, string];
  await context.addCookies([{ name, value, url }]);
  const page = await context.newPage();
  // socket.io's default long-polling spread a session's requests over the nodes, which did not
  // know it (400): live events came late or never.
  page.on('response', (response) => {
    if (response.url().includes('/socket.io/') && response.status() >= 400) refusedLive.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(`/meetings/${meetingId}`);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  return page;
}

test.afterAll(async () => {
  for (const node of nodes) node.child.kill('SIGKILL');
  await Promise.all(nodes.map((n) => n.exited));
  await balancer?.close();
  await db?.drop();
});

test('behind a load balancer: edits and live events cross the nodes, and a killed node loses no saved edit', async ({ browser }) => {
  test.setTimeout(120_000);
  expect(process.env.DATABASE_URL, 'multi-node runs on Postgres: set DATABASE_URL (.ci/run does)').toBeTruthy();
  db = await createTestDatabase();
  // The browsers' origin is the balancer's: every node's PUBLIC_URL names it.
  balancer = await startLoadBalancer([]);
  const env = { PUBLIC_URL: balancer.url };
  nodes = [await spawnServer(db, 0, env, BUILT)];
  nodes.push(...(await Promise.all([spawnServer(db, 0, env, BUILT), spawnServer(db, 0, env, BUILT)])));
  for (const node of nodes) balancer.add(node.port);
  const admin = await ApiClient.signIn(balancer.url, ADMIN.email, ADMIN.password);
  const group = await admin.createGroup();
  const meeting = await admin.createMeeting(group.id);
  const delegate = await admin.addMember(group.id, 'delegate', 'UK delegate');

  // The secretariat (the administrator) and a delegate, each in a browser of their own.
  const a = await minutesPage(browser, balancer.url, admin.cookie!, meeting.id);
  // The node with her editor's connection (the first to the collab endpoint).
  const collab = /^GET \/collab\//;
  const victim = nodes.find((n) => n.port === balancer!.backendsOf(collab)[0])!;
  expect(victim).toBeDefined();
  // Hers and the delegate's on two different nodes, whatever the round-robin would have done.
  const elsewhere = nodes.find((n) => n !== victim)!;
  const unroute = balancer.route(collab, elsewhere.port);
  const b = await minutesPage(browser, balancer.url, delegate.client.cookie!, meeting.id);
  unroute();
  expect(balancer.backendsOf(collab)).toEqual([victim.port, elsewhere.port]);
  await typeAtEnd(a, 'أكد الجانب الكويتي');
  await typeAtEnd(b, 'The UK side agreed');
  await expect(editorOf(b)).toContainText('أكد الجانب الكويتي');
  await expect(editorOf(a)).toContainText('The UK side agreed');
  // Each sees where the other is typing, named (awareness crosses the nodes too).
  await expect(b.locator('.collaboration-carets__label', { hasText: ADMIN.name })).toBeVisible();
  await expect(a.locator('.collaboration-carets__label', { hasText: 'UK delegate' })).toBeVisible();
  expect(refusedLive).toEqual([]);

  // That node dies while she types.
  const typing = typeAtEnd(a, 'يشارك الجانب البريطاني الجدول');
  await a.waitForTimeout(150);
  victim.child.kill('SIGKILL');
  balancer.remove(victim.port);
  await typing;
  await a.keyboard.type(' للعام 2027');
  // Her browser reconnects through the balancer to a live node and sends what was not saved.
  await expect(a.getByTestId('save-status')).toHaveAttribute('data-state', 'saved', { timeout: 30_000 });
  await expect(editorOf(b)).toContainText('يشارك الجانب البريطاني الجدول للعام 2027', { timeout: 15_000 });
  await typeAtEnd(b, 'Agreed after it');
  await expect(editorOf(a)).toContainText('Agreed after it');
  await expect(b.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');

  // What a reload shows, read through a node that lived (the delegate's).
  const stored = await new ApiClient(elsewhere.url, admin.cookie).minutesText(meeting.id);
  for (const text of ['أكد الجانب الكويتي', 'The UK side agreed', 'يشارك الجانب البريطاني الجدول للعام 2027', 'Agreed after it']) {
    expect(stored).toContain(text);
  }

  // A change of the meeting made through any node reaches both pages live (socket.io).
  const renamed = 'Sixteenth meeting (after the failover)';
  expect((await new ApiClient(elsewhere.url, admin.cookie).request('PATCH', `/api/meetings/${meeting.id}`, { titleEn: renamed })).status).toBe(200);
  await expect(a.getByText(renamed)).toBeVisible();
  await expect(b.getByText(renamed)).toBeVisible();
  for (const page of [a, b]) await page.context().close();
});
