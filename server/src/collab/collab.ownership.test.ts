import { afterAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { ApiClient } from '../test/apiClient.js';
import { forgeParagraph } from '../test/forgery.js';
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
