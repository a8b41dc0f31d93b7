import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { countUpdates } from '../../../db/queries/minutesLog.js';
import { useTestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, waitFor } from '../test/yClient.js';

const t = useTestServer();

describe('a document that cannot be loaded', () => {
  it('is an error to the client, never an empty document that could overwrite the stored one', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const writer = connectYClient(t.url, meeting.id, { cookie: t.admin.cookie });
    await waitFor(() => writer.provider.synced, 5000, 'sync');
    appendParagraph(writer.doc, 'نص محفوظ');
    await writer.whenSaved();
    writer.destroy();
    // Wait until the document is unloaded (idle unload is 50 ms in tests; the action-item
    // projection may hold it briefly after the last commit), so the next open loads it.
    await t.server.ctx.projection.flush();
    for (let i = 0; i < 100 && (await t.server.ctx.registry.loaded()).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await t.server.ctx.registry.loaded()).toEqual([]);

    // A damaged row in the log.
    const sql = t.server.ctx.db.sql;
    await t.server.ctx.store.append(meeting.id, new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 9, 9]));
    const rows = await countUpdates(sql, meeting.id);

    const client = connectYClient(t.url, meeting.id, { cookie: t.admin.cookie });
    const closed = await client.closed;
    expect(closed.code).toBe(CloseCode.tryAgainLater);
    expect(closed.reason).toMatch(/could not be loaded/);
    expect(client.provider.synced).toBe(false);
    client.destroy();
    const rest = await t.admin.request('GET', `/api/meetings/${meeting.id}/minutes?format=text`);
    expect(rest.status).toBe(503);
    expect(await countUpdates(sql, meeting.id)).toBe(rows);
  });
});
