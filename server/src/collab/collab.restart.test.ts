import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../test/apiClient.js';
import { createTestDatabase, type TestDatabase } from '../test/testDatabase.js';
import { ADMIN, startTestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, waitFor } from '../test/yClient.js';

const kinds = process.env.DATABASE_URL ? (['embedded', 'default'] as const) : (['embedded'] as const);
const databases: TestDatabase[] = [];
afterEach(async () => {
  await Promise.all(databases.splice(0).map((d) => d.drop()));
});

describe.each(kinds)('restart (%s database)', (kind) => {
  it('the minutes are identical before and after a restart', async () => {
    const db = await createTestDatabase(kind);
    databases.push(db);
    const first = await startTestServer(db);
    const group = await first.admin.createGroup();
    const meeting = await first.admin.createMeeting(group.id);
    const client = connectYClient(first.url, meeting.id, { cookie: first.admin.cookie });
    await waitFor(() => client.provider.synced, 5000, 'sync');
    appendParagraph(client.doc, 'أكد الجانبان التزامهما بتعزيز العلاقات الكويتية البريطانية');
    appendParagraph(client.doc, 'Both sides agreed on 12.5% more joint exercises.', 'ltr');
    await client.whenSaved();
    const jsonBefore = (await first.admin.request('GET', `/api/meetings/${meeting.id}/minutes?format=json`)).body;
    client.destroy();
    await first.close();

    const second = await startTestServer(db);
    const admin = await ApiClient.signIn(second.url, ADMIN.email, ADMIN.password);
    const jsonAfter = (await admin.request('GET', `/api/meetings/${meeting.id}/minutes?format=json`)).body;
    expect(jsonAfter).toEqual(jsonBefore);
    expect(JSON.stringify(jsonAfter)).toContain('التزامهما');
    expect(JSON.stringify(jsonAfter)).toContain('"dir":"ltr"');
    // The session made before the restart still works: sessions live in the database.
    expect((await new ApiClient(second.url, first.admin.cookie).request('GET', '/api/me')).status).toBe(200);
    await second.close();
  }, 60_000);
});
