import { describe, expect, it } from 'vitest';
import type { ActionItemDto } from '../../../shared/api/actionItems.js';
import { extractActionItems } from '../../../shared/editor/actionItems.js';
import { minutesJSON } from '../minutes/readMinutes.js';
import { refuseCommitsOf } from '../test/refuseCommits.js';
import { storedDoc } from '../test/storedMinutes.js';
import { useTestServer } from '../test/testServer.js';
import { appendActionItem, connectYClient, waitFor } from '../test/yClient.js';

const t = useTestServer();

describe('a change from the tracker that the database refuses to save', () => {
  it('is answered 503 "not saved, try again" (not 500), changes nothing, and goes through when tried again', async () => {
    const groupId = (await t.admin.createGroup()).id;
    const meetingId = (await t.admin.createMeeting(groupId)).id;
    const delegate = (await t.admin.addMember(groupId, 'delegate', 'delegate')).client;
    const editor = connectYClient(t.url, meetingId, { cookie: delegate.cookie });
    await waitFor(() => editor.provider.synced, 5000, 'sync');
    const item = appendActionItem(editor.doc, 'Share the exercise plan', { owner: 'UK' });
    await editor.whenSaved();
    // The tracker lists it once projected from the saved minutes.
    for (let i = 0; i < 100 && !(await delegate.ok<ActionItemDto[]>('GET', `/api/action-items?meetingId=${meetingId}`)).some((row) => row.id === item.id); i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const statusStored = async () => extractActionItems(minutesJSON(await storedDoc(t.server.ctx.db.sql, meetingId))).find((i) => i.id === item.id)?.status;
    const before = await statusStored();

    // The database refuses this meeting's next commits, and accepts them again once told to.
    const accept = await refuseCommitsOf(t.server.ctx.db.sql, meetingId);
    try {
      const refused = await delegate.request<{ error: { code: string; message: string } }>('PATCH', `/api/action-items/${item.id}`, { status: 'done' });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(refused.body.error.code).toBe('minutes_not_saved');
      expect(refused.body.error.message).toMatch(/^The minutes could not be saved just now\. Nothing was changed\./);
      expect(await statusStored()).toBe(before);
    } finally {
      await accept();
    }

    const retried = await delegate.request<ActionItemDto>('PATCH', `/api/action-items/${item.id}`, { status: 'done' });
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('done');
    expect(await statusStored()).toBe('done');
    // The editor was disconnected with the failed document, and is back in sync with the change.
    await waitFor(() => item.element.getAttribute('status') === 'done', 5000, 'status in the reconnected editor');
    editor.destroy();
  });
});
