import { afterAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { ApiClient } from '../test/apiClient.js';
import { forgeParagraph } from '../test/forgery.js';
import { awarenessFrame, awarenessUpdate, openRawPeer } from '../test/rawPeer.js';
import { createTestDatabase, type TestDatabase } from '../test/testDatabase.js';
import { ADMIN, startTestServer, type TestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, waitFor } from '../test/yClient.js';

let db: TestDatabase | undefined;
const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
  await db?.drop();
});

describe('client-id ownership across a restart', () => {
  it("a returning client resends its unacknowledged tail under its old id; another member cannot write under that id", async () => {
    db = await createTestDatabase();
    const first = await startTestServer(db);
    servers.push(first);
    const group = await first.admin.createGroup();
    const victim = await first.admin.addMember(group.id, 'delegate', 'Victim');
    const forger = await first.admin.addMember(group.id, 'delegate', 'Forger');
    const meetingId = (await first.admin.createMeeting(group.id)).id;

    const alice = connectYClient(first.url, meetingId, { cookie: victim.client.cookie });
    await waitFor(() => alice.provider.synced, 5000, 'sync');
    appendParagraph(alice.doc, 'before the restart');
    await alice.whenSaved();
    alice.provider.destroy();
    // Typed while the server is down: never acknowledged, resent after the restart.
    appendParagraph(alice.doc, 'typed while the server was down');
    await first.close();

    const second = await startTestServer(db);
    servers.push(second);
    const admin = await ApiClient.signIn(second.url, ADMIN.email, ADMIN.password);
    expect(await admin.minutesText(meetingId)).not.toContain('typed while the server was down');

    // The forger, knowing the id from the stored document, tries to take its next clocks first.
    const mallory = await forgeParagraph(second.url, meetingId, forger.client.cookie, alice.doc.clientID, 'FORGED AFTER RESTART');
    expect((await mallory.closed).code).toBe(CloseCode.forbidden);
    mallory.destroy();

    const back = connectYClient(second.url, meetingId, { cookie: victim.client.cookie, doc: alice.doc });
    await back.whenSaved();
    const stored = await admin.minutesText(meetingId);
    expect(stored).toContain('before the restart');
    expect(stored).toContain('typed while the server was down');
    expect(stored).not.toContain('FORGED AFTER RESTART');
    back.destroy();
  }, 60_000);
});

describe('client-id ownership across an unload of the document', () => {
  it("an editor's id (announced in presence first, as the editor does) stays theirs after the document is unloaded and loaded again", async () => {
    const reloadDb = await createTestDatabase();
    const server = await startTestServer(reloadDb, { idleUnloadMs: 50 });
    try {
      const group = await server.admin.createGroup();
      const victim = await server.admin.addMember(group.id, 'delegate', 'Victim');
      const forger = await server.admin.addMember(group.id, 'delegate', 'Forger');
      const meetingId = (await server.admin.createMeeting(group.id)).id;

      const alice = connectYClient(server.url, meetingId, { cookie: victim.client.cookie, name: 'Victim' });
      await waitFor(() => alice.provider.synced, 5000, 'sync');
      appendParagraph(alice.doc, 'typed before the unload');
      await alice.whenSaved();
      alice.provider.disconnect();
      await waitFor(() => server.server.ctx.registry.current(meetingId) === undefined, 5000, 'the document unloaded');

      // Reloaded: the forger claims the victim's id in presence first, then writes under it.
      const raw = await openRawPeer(server.url, meetingId, forger.client.cookie);
      raw.send(awarenessFrame(awarenessUpdate(alice.doc.clientID, 1000, JSON.stringify({ user: { name: 'Victim', color: '#000000' } }))));
      expect(await raw.closed).toEqual({ code: CloseCode.malformedMessage, reason: `awareness state for client ${alice.doc.clientID} of another user` });
      const mallory = await forgeParagraph(server.url, meetingId, forger.client.cookie, alice.doc.clientID, 'FORGED AFTER UNLOAD');
      expect((await mallory.closed).code).toBe(CloseCode.forbidden);
      mallory.destroy();

      // The victim comes back with the same editor and goes on.
      alice.provider.connect();
      appendParagraph(alice.doc, 'typed after the reload');
      await alice.whenSaved();
      const stored = await server.admin.minutesText(meetingId);
      expect(stored).toContain('typed after the reload');
      expect(stored).not.toContain('FORGED AFTER UNLOAD');
      alice.destroy();
    } finally {
      await server.close();
      await reloadDb.drop();
    }
  }, 60_000);
});
