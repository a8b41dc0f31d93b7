import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { createTestDatabase, type TestDatabase } from '../test/testDatabase.js';
import { startTestServer, type TestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, waitFor } from '../test/yClient.js';
import { itNeedsPostgres, postgresUrl } from '../test/needsPostgres.js';

/**
 * The moment between one process locking the minutes and another hearing of it. Two servers in
 * this process on one Postgres, so that the write can be made in exactly that moment.
 */
const databaseUrl = postgresUrl;
let db: TestDatabase;
let a: TestServer;
let b: TestServer;

beforeAll(async () => {
  if (!databaseUrl) return;
  db = await createTestDatabase();
  a = await startTestServer(db);
  b = await startTestServer(db);
}, 60_000);
afterAll(async () => {
  await b?.close();
  await a?.close();
  await db?.drop();
});

describe('a lock set by another process', () => {
  itNeedsPostgres('multi-node, which runs on Postgres only');

  it('refuses a write that reaches this process before it heard of the lock; nothing of it is stored', async () => {
    if (!databaseUrl) return;
    const meetingId = (await a.admin.createMeeting((await a.admin.createGroup()).id)).id;
    const editor = connectYClient(b.url, meetingId, { cookie: a.admin.cookie });
    await waitFor(() => editor.provider.synced, 10_000, 'sync on b');
    const live = b.server.ctx.registry.current(meetingId)!;
    const before = await a.admin.minutesText(meetingId);

    // Locked by another process whose notice has not reached b (the flag alone, no notice).
    await a.server.ctx.db.sql`update meetings set minutes_locked = true where id = ${meetingId}`;
    expect(live.isLocked).toBe(false);
    const write = live.change((doc) => void appendParagraph(doc, 'written after the approval'));
    await expect(write).rejects.toMatchObject({ kind: 'locked' });
    expect((await editor.closed).code).toBe(CloseCode.serverRestart);
    expect(await a.admin.minutesText(meetingId)).toBe(before);
    expect(await b.admin.minutesText(meetingId)).toBe(before);
    editor.destroy();
  }, 30_000);

  it('locks the document of every process that holds it', async () => {
    if (!databaseUrl) return;
    const meetingId = (await a.admin.createMeeting((await a.admin.createGroup()).id)).id;
    const editor = connectYClient(b.url, meetingId, { cookie: a.admin.cookie });
    await waitFor(() => editor.provider.synced, 10_000, 'sync on b');
    await a.admin.ok('PATCH', `/api/meetings/${meetingId}`, { status: 'approved' });
    await waitFor(() => b.server.ctx.registry.current(meetingId)?.isLocked === true, 10_000, 'locked on b');
    editor.destroy();
  }, 30_000);
});
