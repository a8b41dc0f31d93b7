import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/client.js';
import type { SearchResultsDto } from '../../../shared/api/search.js';
import { ApiClient } from '../test/apiClient.js';
import { DATABASE_KINDS, useTestDatabases } from '../test/testDatabase.js';
import { ADMIN, startTestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, waitFor } from '../test/yClient.js';

const databases = useTestDatabases();

describe.each(DATABASE_KINDS)('search catch-up (%s database)', (kind) => {
  it('indexes minutes written before the index existed when the server starts (an upgrade)', async () => {
    const db = await databases.create(kind);
    const first = await startTestServer(db);
    const group = await first.admin.createGroup();
    const meeting = await first.admin.createMeeting(group.id);
    const client = connectYClient(first.url, meeting.id, { cookie: first.admin.cookie });
    await waitFor(() => client.provider.synced, 10_000, 'sync');
    appendParagraph(client.doc, 'ناقش الجانبان برنامج التبادل الأكاديمي');
    await client.whenSaved();
    client.destroy();
    await first.close();

    // The database as before the search: minutes in the log, nothing of them indexed.
    const raw = await openDatabase({ databaseUrl: db.databaseUrl, dataDir: db.dataDir });
    await raw.sql`delete from search_entries where kind <> 'meeting'`;
    await raw.sql`delete from search_indexed`;
    await raw.close();

    const second = await startTestServer(db);
    const admin = await ApiClient.signIn(second.url, ADMIN.email, ADMIN.password);
    const found = async () => (await admin.ok<SearchResultsDto>('GET', `/api/search?q=${encodeURIComponent('التبادل الاكاديمي')}`)).results;
    const start = Date.now();
    while ((await found()).length === 0 && Date.now() - start < 20_000) await new Promise((r) => setTimeout(r, 100));
    expect((await found()).map((r) => [r.meetingId, r.kind, r.snippet])).toEqual([[meeting.id, 'minutes', 'ناقش الجانبان برنامج التبادل الأكاديمي']]);
    await second.close();
  }, 300_000);
});
