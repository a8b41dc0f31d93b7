import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { ApiClient } from '../test/apiClient.js';
import { awarenessFrame, awarenessUpdate, openRawPeer, syncStep1Frame } from '../test/rawPeer.js';
import { rssBytes, spawnServer, type ServerProcess } from '../test/serverProcess.js';
import { createTestDatabase, type TestDatabase } from '../test/testDatabase.js';
import { ADMIN } from '../test/testServer.js';
import { appendParagraph, connectYClient, waitFor } from '../test/yClient.js';

/** The hostile payloads of issue 14 against a real server process: it must stay up and bounded. */
let db: TestDatabase;
let server: ServerProcess;
let admin: ApiClient;
let groupId: string;
let observerCookie: string;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await spawnServer(db);
  admin = await ApiClient.signIn(server.url, ADMIN.email, ADMIN.password);
  groupId = (await admin.createGroup()).id;
  observerCookie = (await admin.addMember(groupId, 'observer', 'Observer')).client.cookie!;
}, 90_000);
afterAll(async () => {
  server?.child.kill('SIGKILL');
  await server?.exited;
  await db?.drop();
});

async function healthMs(): Promise<number> {
  const start = performance.now();
  const res = await fetch(`${server.url}/api/healthz`);
  expect(res.status).toBe(200);
  return performance.now() - start;
}

describe('a hostile observer against a real server process', () => {
  it('a deeply nested awareness state does not crash the process when the next person opens the meeting', async () => {
    const meetingId = (await admin.createMeeting(groupId)).id;
    const present = connectYClient(server.url, meetingId, { cookie: admin.cookie, name: 'Secretary' });
    await waitFor(() => present.provider.synced, 10_000, 'sync');
    const peer = await openRawPeer(server.url, meetingId, observerCookie);
    await waitFor(() => peer.received.some((m) => m[0] === 1), 5000, 'presence of the others');
    // JSON.parse accepts this; JSON.stringify, needed to relay it, overflows the stack. Written
    // over someone else's (newer clock), it used to stay when its sender was thrown out.
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    peer.send(awarenessFrame(awarenessUpdate(present.doc.clientID, 1000, deep)));
    expect((await peer.closed).code).toBe(CloseCode.malformedMessage);

    const next = connectYClient(server.url, meetingId, { cookie: admin.cookie });
    await waitFor(() => next.provider.synced, 10_000, 'the next person syncs');
    appendParagraph(next.doc, 'the meeting goes on');
    await next.whenSaved();
    next.destroy();
    present.destroy();
    expect(server.child.exitCode).toBeNull();
    expect(await healthMs()).toBeLessThan(200);
  });

  it('sync step 1 requests from a socket that does not read cannot grow the server memory', async () => {
    const meetingId = (await admin.createMeeting(groupId)).id;
    const writer = connectYClient(server.url, meetingId, { cookie: admin.cookie });
    await waitFor(() => writer.provider.synced, 10_000, 'sync');
    const line = 'محضر اجتماع مجموعة العمل — Minutes of the working group. '.repeat(20);
    for (let i = 0; i < 400; i++) appendParagraph(writer.doc, `${i} ${line}`);
    await writer.whenSaved(30_000);
    const docBytes = Y.encodeStateAsUpdate(writer.doc).byteLength;
    expect(docBytes).toBeGreaterThan(500_000);

    const before = await rssBytes(server.child.pid!);
    const hostile = await openRawPeer(server.url, meetingId, observerCookie);
    (hostile.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const request = syncStep1Frame(Y.encodeStateVector(new Y.Doc()));
    for (let i = 0; i < 680; i++) hostile.send(request);

    // Meanwhile an honest editor keeps saving, and the server answers health checks.
    const started = performance.now();
    appendParagraph(writer.doc, 'typed during the flood');
    await writer.whenSaved(10_000);
    expect(performance.now() - started).toBeLessThan(1500);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await healthMs()).toBeLessThan(200);
    const grown = (await rssBytes(server.child.pid!)) - before;
    // Without limits: 680 answers of the whole document (~0.5 GB) held for the socket.
    expect(grown).toBeLessThan(100 * 1024 * 1024);
    expect(server.child.exitCode).toBeNull();
    hostile.ws.terminate();
    writer.destroy();
  }, 60_000);
});
