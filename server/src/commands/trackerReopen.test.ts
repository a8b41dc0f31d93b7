import { describe, expect, it, vi } from 'vitest';
import type { ActionItemDto } from '../../../shared/api/actionItems.js';
import { extractActionItems } from '../../../shared/editor/actionItems.js';
import { minutesJSON } from '../minutes/readMinutes.js';
import { storedDoc } from '../test/storedMinutes.js';
import { holdNextCheck } from '../test/lateAccessCheck.js';
import { useTestServer } from '../test/testServer.js';
import { appendActionItem, connectYClient, waitFor } from '../test/yClient.js';

// A tracker request that read the meeting as approved just before the secretariat reopened it.
const late = vi.hoisted(() => ({ meetingId: '', answered: () => {}, release: Promise.resolve() }));
vi.mock('../auth/policies.js', async (real) => (await import('../test/lateAccessCheck.js')).answeringLate(await real(), late));

const t = useTestServer();

describe('a status set in the tracker while the approved minutes are being reopened', () => {
  it('ends up in the reopened minutes and stays in the tracker after the next edit', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const secretary = (await t.admin.addMember(group.id, 'secretary', 'secretary')).client;
    const editor = connectYClient(t.url, meeting.id, { cookie: secretary.cookie });
    await waitFor(() => editor.provider.synced, 5000, 'sync');
    const item = appendActionItem(editor.doc, 'Report on the exercise', { owner: 'UK' });
    await editor.whenSaved();
    editor.destroy();
    await secretary.ok('PATCH', `/api/meetings/${meeting.id}`, { status: 'approved' });

    // The tracker's request sees the minutes approved; the reopening runs before it goes on.
    const held = holdNextCheck(late, meeting.id);
    const patched = secretary.request<ActionItemDto>('PATCH', `/api/action-items/${item.id}`, { status: 'done' });
    await held.answered;
    await secretary.ok('PATCH', `/api/meetings/${meeting.id}`, { status: 'draft' });
    held.release();
    expect((await patched).status).toBe(200);

    const statusInMinutes = async () => extractActionItems(minutesJSON(await storedDoc(t.server.ctx.db.sql, meeting.id))).find((i) => i.id === item.id)?.status;
    expect(await statusInMinutes()).toBe('done');
    // An edit of the reopened minutes projects them onto the tracker again: still done.
    const again = connectYClient(t.url, meeting.id, { cookie: secretary.cookie });
    await waitFor(() => again.provider.synced, 5000, 'sync');
    const added = appendActionItem(again.doc, 'بند بعد إعادة الفتح', { owner: 'الكويت' });
    await again.whenSaved();
    let tracked: ActionItemDto[] = [];
    for (let i = 0; i < 250 && !tracked.some((row) => row.id === added.id); i++) {
      tracked = await secretary.ok<ActionItemDto[]>('GET', `/api/action-items?meetingId=${meeting.id}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(tracked.map((row) => row.id)).toContain(added.id);
    expect(tracked.find((i) => i.id === item.id)?.status).toBe('done');
    expect(await statusInMinutes()).toBe('done');
    again.destroy();
  });
});
