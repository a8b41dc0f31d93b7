import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../test/apiClient.js';
import { spawnServer, type ServerProcess } from '../test/serverProcess.js';
import { createTestDatabase, type TestDatabase } from '../test/testDatabase.js';
import { ADMIN } from '../test/testServer.js';
import { appendParagraph, connectYClient, waitFor } from '../test/yClient.js';

let db: TestDatabase;
const processes: ServerProcess[] = [];
afterAll(async () => {
  for (const p of processes) p.child.kill('SIGKILL');
  await Promise.all(processes.map((p) => p.exited));
  await db?.drop();
});

describe('crash safety', () => {
  it('after SIGKILL mid-typing, every acknowledged update is in the database and the client resends the rest', async () => {
    db = await createTestDatabase();
    const first = await spawnServer(db);
    processes.push(first);
    const admin = await ApiClient.signIn(first.url, ADMIN.email, ADMIN.password);
    const group = await admin.createGroup();
    const meeting = await admin.createMeeting(group.id);

    const client = connectYClient(first.url, meeting.id, { cookie: admin.cookie });
    await waitFor(() => client.provider.synced, 10_000, 'sync');
    const line = appendParagraph(client.doc, 'محضر:');
    // The text as it was when the n-th update frame went out on the socket.
    const sentText = new Map<number, string>();
    let typing = true;
    const typist = (async () => {
      for (let i = 0; typing; i++) {
        line.insert(line.length, ` ك${i}`);
        sentText.set(client.counts.sent, client.text());
        await new Promise((r) => setTimeout(r, 4));
      }
    })();
    await waitFor(() => client.counts.saved > 40, 10_000, 'some acknowledged keystrokes');

    first.child.kill('SIGKILL');
    await first.exited;
    const acked = client.counts.saved;
    const ackedText = sentText.get(acked);
    expect(ackedText).toBeDefined();
    // Keep typing while the server is down: those edits must arrive later.
    await new Promise((r) => setTimeout(r, 200));
    typing = false;
    await typist;
    client.provider.disconnect();

    const second = await spawnServer(db, first.port);
    processes.push(second);
    const admin2 = await ApiClient.signIn(second.url, ADMIN.email, ADMIN.password);
    const stored = await admin2.minutesText(meeting.id);
    // Everything acknowledged survived the crash (typing only appends, so this is a prefix check).
    expect(stored.startsWith(ackedText!)).toBe(true);
    expect(client.text().startsWith(stored)).toBe(true);
    expect(client.text().length).toBeGreaterThan(stored.length);

    // The client reconnects with the same session cookie and resends what the server lacks.
    client.provider.connect();
    await client.whenSaved(10_000);
    expect(await admin2.minutesText(meeting.id)).toBe(client.text());
    client.destroy();
  }, 120_000);
});
