import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../test/apiClient.js';
import { createProxiedDatabase, type ProxiedDatabase } from '../test/proxiedDatabase.js';
import { itNeedsPostgres, postgresUrl } from '../test/needsPostgres.js';
import { ADMIN, startTestServer, type TestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, waitFor, type YClient } from '../test/yClient.js';

// The database is taken away by cutting a TCP proxy between the server and Postgres. Only a
// Postgres server can go away and come back: the embedded one lives in the server's process.
let db: ProxiedDatabase;
let t: TestServer;

beforeAll(async () => {
  if (!postgresUrl) return;
  db = await createProxiedDatabase();
  t = await startTestServer(db);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await db?.drop();
});

async function timedHealth(): Promise<{ status: number; ms: number; retryAfter: string | null }> {
  const started = performance.now();
  const res = await fetch(`${t.url}/api/healthz`, { headers: { cookie: t.admin.cookie! }, signal: AbortSignal.timeout(10_000) });
  return { status: res.status, ms: performance.now() - started, retryAfter: res.headers.get('retry-after') };
}

describe('while the database is down', () => {
  itNeedsPostgres('a database server taken away and back');

  it('health answers 503 within a second, whether Postgres stopped or the network path is silent', async () => {
    if (!postgresUrl) return;
    expect((await timedHealth()).status).toBe(200);
    for (const mode of ['stopped', 'unreachable'] as const) {
      await db.proxy.cut(mode);
      // Several probes, also concurrent ones: none may wait for the one before.
      const probes = [await timedHealth(), ...(await Promise.all([timedHealth(), timedHealth(), timedHealth()])), await timedHealth()];
      for (const probe of probes) {
        expect(probe.status, mode).toBe(503);
        expect(probe.ms, `${mode}: answered after ${Math.round(probe.ms)} ms`).toBeLessThan(1000);
        expect(probe.retryAfter).toBe('1');
      }
      await db.proxy.restore();
      let healthy = await timedHealth();
      for (let i = 0; i < 50 && healthy.status !== 200; i++) healthy = await timedHealth();
      expect(healthy.status, `${mode}: healthy again`).toBe(200);
    }
  }, 60_000);

  it('REST answers 503 with Retry-After, not 500, and works again once it is back', async () => {
    if (!postgresUrl) return;
    const group = await t.admin.createGroup();
    await db.proxy.cut('stopped');
    const res = await t.admin.request('GET', `/api/groups/${group.id}`);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.body).toEqual({ error: { code: 'unavailable', message: expect.stringMatching(/database/), params: { seconds: 1 } } });
    await db.proxy.restore();
    let again = await t.admin.request('GET', `/api/groups/${group.id}`);
    for (let i = 0; i < 30 && again.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      again = await t.admin.request('GET', `/api/groups/${group.id}`);
    }
    expect(again.status).toBe(200);
  }, 30_000);

  it('after it returns, every client saves again within 3 s, and nothing typed during the outage is lost', async () => {
    if (!postgresUrl) return;
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const users = await Promise.all(['amina', 'james', 'fahad'].map((name) => t.admin.addMember(group.id, 'delegate', name)));
    // y-websocket's default backoff, as in the browser.
    const clients: YClient[] = users.map((u, i) => connectYClient(t.url, meeting.id, { cookie: u.client.cookie, name: `c${i}`, maxBackoffTime: 2500 }));
    await waitFor(() => clients.every((c) => c.provider.synced), 10_000, 'sync');
    clients.forEach((c, i) => appendParagraph(c.doc, `before the outage ${i}`));
    await Promise.all(clients.map((c) => c.whenSaved()));

    await db.proxy.cut('stopped');
    // Two clients type during the outage; the third only after it.
    appendParagraph(clients[0]!.doc, 'typed during the outage 0');
    appendParagraph(clients[1]!.doc, 'typed during the outage 1');
    // Long enough for connection retries to pile up (postgres.js backed off ~10 s after this).
    await new Promise((r) => setTimeout(r, 8000));
    appendParagraph(clients[1]!.doc, 'typed late in the outage 1');

    await db.proxy.restore();
    const back = performance.now();
    appendParagraph(clients[2]!.doc, 'typed after the outage 2');
    const savedAfter = await Promise.all(
      clients.map(async (c) => {
        await c.whenSaved(15_000);
        return Math.round(performance.now() - back);
      }),
    );
    console.info(`saved again after the database returned: ${savedAfter.join(', ')} ms`);
    for (const ms of savedAfter) expect(ms).toBeLessThan(3000);

    const admin = await ApiClient.signIn(t.url, ADMIN.email, ADMIN.password);
    const stored = await admin.minutesText(meeting.id);
    for (const line of ['before the outage 0', 'typed during the outage 0', 'typed during the outage 1', 'typed late in the outage 1', 'typed after the outage 2']) {
      expect(stored).toContain(line);
    }
    clients.forEach((c) => c.destroy());
  }, 60_000);
});
