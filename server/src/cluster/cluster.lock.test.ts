import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { createTestDatabase, type TestDatabase } from '../test/testDatabase.js';
import { startTestServer, type TestServer } from '../test/testServer.js';
import { forgeParagraph } from '../test/forgery.js';
import { appendParagraph, connectYClient, waitFor, type YClient } from '../test/yClient.js';
import { itNeedsPostgres, postgresUrl } from '../test/needsPostgres.js';

/**
 * The moment between one process locking the minutes (or recording who owns a client id) and
 * another hearing of it. Two servers in this process on one Postgres, so that the write can be
 * made in exactly that moment.
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

describe('a client id that another process recorded for someone else', () => {
  itNeedsPostgres('multi-node, which runs on Postgres only');

  it('refuses what is written under it on a process that has not heard of it; the owner goes on writing, the claimant is refused', async () => {
    if (!databaseUrl) return;
    const group = await a.admin.createGroup();
    const victim = await a.admin.addMember(group.id, 'delegate', 'Victim');
    const forger = await a.admin.addMember(group.id, 'delegate', 'Forger');
    const meetingId = (await a.admin.createMeeting(group.id)).id;
    const observer = connectYClient(b.url, meetingId, { cookie: a.admin.cookie });
    await waitFor(() => observer.provider.synced, 10_000, 'sync on b');
    const clientId = 888_001;

    // Recorded by another process for the victim; nothing of it has reached b yet (no notice).
    await a.server.ctx.db.sql`insert into minutes_client_ids (meeting_id, client_id, user_id) values (${meetingId}, ${clientId}, ${victim.userId})`;
    const forgery = await forgeParagraph(b.url, meetingId, forger.client.cookie, clientId, 'FORGED ON ANOTHER PROCESS');
    // b's commit is refused; its clients reconnect to the document loaded again.
    expect((await forgery.closed).code).toBe(CloseCode.tryAgainLater);
    forgery.destroy();
    expect(await a.admin.minutesText(meetingId)).not.toContain('FORGED ON ANOTHER PROCESS');

    // Loaded again, b knows the owner: the forger is refused at once, the victim writes.
    const again = await forgeParagraph(b.url, meetingId, forger.client.cookie, clientId, 'FORGED AGAIN');
    expect((await again.closed).code).toBe(CloseCode.forbidden);
    again.destroy();
    const doc = new Y.Doc();
    doc.clientID = clientId;
    const owner = connectYClient(b.url, meetingId, { cookie: victim.client.cookie, doc });
    await waitFor(() => owner.provider.synced, 10_000, 'the owner synced');
    appendParagraph(owner.doc, 'written by the owner of the id');
    await owner.whenSaved(10_000);
    appendParagraph(observer.doc, 'and the others go on');
    await observer.whenSaved(10_000);
    const stored = await a.admin.minutesText(meetingId);
    expect(stored).toContain('written by the owner of the id');
    expect(stored).toContain('and the others go on');
    expect(stored).not.toContain('FORGED');
    owner.destroy();
    observer.destroy();
  }, 30_000);
});

const seesCaret = (client: YClient, clientId: number) => client.provider.awareness.getStates().has(clientId);

/**
 * Presence crosses processes, and with it every client id in use. An id announced on one
 * process is claimed there and put on record; were it shown on another process before the
 * record is made, a member there could write under it first and become its owner on record.
 */
describe('a newcomer’s caret', () => {
  itNeedsPostgres('multi-node, which runs on Postgres only');

  it('is shown on another process only once its client id is on record', async () => {
    if (!databaseUrl) return;
    const group = await a.admin.createGroup();
    const meetingId = (await a.admin.createMeeting(group.id)).id;
    const cookie = a.admin.cookie;
    const delegate = await a.admin.addMember(group.id, 'delegate');
    const here = connectYClient(a.url, meetingId, { cookie });
    const there = connectYClient(b.url, meetingId, { cookie });
    await waitFor(() => here.provider.synced && there.provider.synced, 10_000, 'both watchers synced');

    // The newcomer's id is taken by a transaction that has not committed: recording it waits.
    const NEWCOMER = 777_001;
    const sql = a.server.ctx.db.sql;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const transaction = sql
      .begin(async (tx) => {
        await tx`insert into minutes_client_ids (meeting_id, client_id, user_id) values (${meetingId}, ${NEWCOMER}, null)`;
        holding();
        await released;
        throw new Error('rolled back by the test');
      })
      .catch((error: unknown) => {
        if (!String(error).includes('rolled back by the test')) throw error;
      });
    await held;

    const doc = new Y.Doc();
    doc.clientID = NEWCOMER;
    const newcomer = connectYClient(a.url, meetingId, { cookie: delegate.client.cookie, doc });
    newcomer.provider.awareness.setLocalStateField('user', { name: 'Newcomer' });
    try {
      // Its own process shows it at once; the other one not while the record waits.
      await waitFor(() => seesCaret(here, NEWCOMER), 5000, 'the caret on its own process');
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(seesCaret(there, NEWCOMER)).toBe(false);

      release();
      await transaction;
      await waitFor(() => seesCaret(there, NEWCOMER), 5000, 'the caret on the other process once recorded');
      const [owner] = await sql<{ userId: string | null }[]>`
        select user_id from minutes_client_ids where meeting_id = ${meetingId} and client_id = ${NEWCOMER}`;
      expect(owner?.userId).toBe(delegate.userId);
      await waitFor(() => newcomer.provider.synced, 5000, 'the newcomer synced');
    } finally {
      release();
      for (const client of [newcomer, here, there]) client.destroy();
    }
  });
});
