import { describe, expect, it } from 'vitest';
import type { ActionItemDto } from '../../../shared/api/actionItems.js';
import { storedText } from '../test/storedMinutes.js';
import { useTestServer } from '../test/testServer.js';
import { appendActionItem, appendParagraph, connectYClient, waitFor } from '../test/yClient.js';

const t = useTestServer();

describe('approving the minutes', () => {
  it('locks them for everyone, the tracker keeps tracking, and reopening writes statuses back', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const secretary = (await t.admin.addMember(group.id, 'secretary', 'secretary')).client;
    const editor = connectYClient(t.url, meeting.id, { cookie: secretary.cookie });
    await waitFor(() => editor.provider.synced, 5000, 'sync');
    const item = appendActionItem(editor.doc, 'Report on the exercise', { owner: 'UK' });
    await editor.whenSaved();

    const approved = await secretary.request('PATCH', `/api/meetings/${meeting.id}`, { status: 'approved' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved' });
    // The item was projected before the lock, and open editors reconnect read-only.
    expect((await secretary.ok<ActionItemDto[]>('GET', `/api/action-items?meetingId=${meeting.id}`)).map((i) => i.id)).toEqual([item.id]);
    expect((await editor.closed).code).toBe(1012);
    await waitFor(() => editor.provider.synced, 5000, 'reconnect');
    appendParagraph(editor.doc, 'AFTER APPROVAL');
    await new Promise((r) => setTimeout(r, 300));
    expect(await storedText(t.server.ctx.db.sql, meeting.id)).not.toContain('AFTER APPROVAL');

    // The tracker is the record now.
    const patched = await secretary.request<ActionItemDto>('PATCH', `/api/action-items/${item.id}`, { status: 'done' });
    expect(patched.body.status).toBe('done');

    editor.destroy();
    await secretary.ok('PATCH', `/api/meetings/${meeting.id}`, { status: 'draft' });
    const reader = connectYClient(t.url, meeting.id, { cookie: secretary.cookie });
    await waitFor(() => reader.provider.synced, 5000, 'sync');
    const element = reader.doc.getXmlFragment('default').toArray().find((n) => 'getAttribute' in n && n.getAttribute('id') === item.id) as { getAttribute(k: string): string };
    expect(element.getAttribute('status')).toBe('done');
    reader.destroy();
  });
});
