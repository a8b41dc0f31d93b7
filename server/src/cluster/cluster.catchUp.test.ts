import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProxiedDatabase, type ProxiedDatabase } from '../test/proxiedDatabase.js';
import { startTestServer, type TestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, waitFor } from '../test/yClient.js';
import { itNeedsPostgres, postgresUrl } from '../test/needsPostgres.js';

/**
 * A process whose link to the database drops misses the notices sent meanwhile: once it
 * listens again it must read what it missed from the log, without anyone writing again.
 * Process b reaches Postgres through a proxy that the test cuts; process a does not.
 */
const databaseUrl = postgresUrl;
let db: ProxiedDatabase;
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  if (!databaseUrl) return;
  db = await createProxiedDatabase();
  const direct = new URL(db.databaseUrl!);
  const server = new URL(databaseUrl);
  direct.hostname = server.hostname;
  direct.port = server.port || '5432';
  a = await startTestServer({ ...db, databaseUrl: direct.toString() });
  b = await startTestServer(db, { idleUnloadMs: 30_000 });
}, 60_000);
afterAll(async () => {
  await b?.close();
  await a?.close();
  await db?.drop();
});

describe('notices missed while the database link was down', () => {
  itNeedsPostgres('multi-node, which runs on Postgres only');

  it('are caught up from the log by row id when the process listens again', async () => {
    if (!databaseUrl) return;
    const meetingId = (await a.admin.createMeeting((await a.admin.createGroup()).id)).id;
    const onA = connectYClient(a.url, meetingId, { cookie: a.admin.cookie });
    const onB = connectYClient(b.url, meetingId, { cookie: a.admin.cookie });
    await waitFor(() => onA.provider.synced && onB.provider.synced, 10_000, 'sync');
    appendParagraph(onA.doc, 'before the cut');
    await waitFor(() => onB.text().includes('before the cut'), 10_000, 'live before the cut');

    await db.proxy.cut('stopped');
    appendParagraph(onA.doc, 'while b was not listening');
    await onA.whenSaved(10_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(onB.text()).not.toContain('while b was not listening');
    await db.proxy.restore();

    await waitFor(() => onB.text().includes('while b was not listening'), 20_000, 'caught up after listening again');
    expect(onB.text()).toBe(onA.text());
    onA.destroy();
    onB.destroy();
  }, 60_000);

  it('and so is the lock: minutes reopened meanwhile take edits on that process again', async () => {
    if (!databaseUrl) return;
    const meetingId = (await a.admin.createMeeting((await a.admin.createGroup()).id)).id;
    const watcher = connectYClient(b.url, meetingId, { cookie: a.admin.cookie });
    await waitFor(() => watcher.provider.synced, 10_000, 'sync');
    await a.admin.ok('PATCH', `/api/meetings/${meetingId}`, { status: 'approved' });
    await waitFor(() => b.server.ctx.registry.current(meetingId)?.isLocked === true, 10_000, 'locked on b');

    // The secretariat reopens the minutes on a while b's link to the database is down.
    // Nobody has it open on b any more, but b holds it still (unloading waits 30 s there): what
    // b knows of it is what it heard.
    watcher.destroy();
    const held = b.server.ctx.registry.current(meetingId);
    await db.proxy.cut('stopped');
    await a.admin.ok('PATCH', `/api/meetings/${meetingId}`, { status: 'draft' });
    await new Promise((r) => setTimeout(r, 300));
    await db.proxy.restore();
    // Once b listens again, the document it still holds is unlocked.
    await waitFor(() => b.server.ctx.registry.current(meetingId)?.isLocked === false, 20_000, 'unlocked on b after listening again');
    expect(b.server.ctx.registry.current(meetingId)).toBe(held);

    const editor = connectYClient(b.url, meetingId, { cookie: a.admin.cookie });
    await waitFor(() => editor.provider.synced, 10_000, 'sync again');
    appendParagraph(editor.doc, 'typed on b after the reopening');
    await editor.whenSaved(10_000);
    expect(await a.admin.minutesText(meetingId)).toContain('typed on b after the reopening');
    editor.destroy();
  }, 60_000);
});
