import { describe, expect, it, vi } from 'vitest';
import type { ActionItemDto } from '../../../shared/api/actionItems.js';
import type { CirculationDto, VersionDto } from '../../../shared/api/versions.js';
import { extractActionItems } from '../../../shared/editor/actionItems.js';
import { minutesJSON } from '../minutes/readMinutes.js';
import { storedDoc } from '../test/storedMinutes.js';
import { holdNext } from '../test/lateAnswers.js';
import { steeringGroup } from '../test/steeringGroup.js';
import { meetingWithActionItem } from '../test/meetingWithActionItem.js';
import { useTestServer } from '../test/testServer.js';
import { appendActionItem, appendParagraph, connectYClient, waitFor } from '../test/yClient.js';

// Requests racing a change of the meeting's state (reopening, circulating): each must act on the
// state it ends up in, not on the one it read first. A request's access check, or its read of a
// version, answers and then waits until released, as on a busy server.
const late = vi.hoisted(() => ({ armed: false as boolean | string, answered: () => {}, release: Promise.resolve() }));
vi.mock('../auth/policies.js', async (real) => (await import('../test/lateAnswers.js')).answeringLate(await real(), 'requireMeeting', late));
const versionRead = vi.hoisted(() => ({ armed: false as boolean | string, answered: () => {}, release: Promise.resolve() }));
vi.mock('../../../db/queries/versions.js', async (real) => (await import('../test/lateAnswers.js')).answeringLate(await real(), 'findVersion', versionRead));

const t = useTestServer();

describe('a status set in the tracker while the approved minutes are being reopened', () => {
  it('ends up in the reopened minutes and stays in the tracker after the next edit', async () => {
    const { meeting, secretary, editor, item } = await meetingWithActionItem(t);
    editor.destroy();
    await secretary.ok('PATCH', `/api/meetings/${meeting.id}`, { status: 'approved' });

    // The tracker's request sees the minutes approved; the reopening runs before it goes on.
    const held = holdNext(late, meeting.id);
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

describe('a request racing the circulation of the minutes', () => {
  it("a delegate's status change from the tracker is refused like any delegate edit of circulated minutes", async () => {
    const g = await steeringGroup(t.admin);
    const id = g.meeting.id;
    const editor = connectYClient(t.url, id, { cookie: g.secretary.client.cookie });
    await waitFor(() => editor.provider.synced, 5000, 'sync');
    const item = appendActionItem(editor.doc, 'Send the draft report', { owner: 'Kuwait' });
    await editor.whenSaved();
    editor.destroy();
    for (let i = 0; i < 250; i++) {
      const rows = await g.delegate.client.ok<ActionItemDto[]>('GET', `/api/action-items?meetingId=${id}`);
      if (rows.some((r) => r.id === item.id)) break;
      await new Promise((r) => setTimeout(r, 20));
    }

    // The delegate's request finds the minutes a draft; the secretariat circulates them before it goes on.
    const held = holdNext(late, id);
    const patched = g.delegate.client.request('PATCH', `/api/action-items/${item.id}`, { status: 'done' });
    await held.answered;
    await g.secretary.client.ok('PATCH', `/api/meetings/${id}`, { status: 'circulated' });
    held.release();
    const res = await patched;

    expect(res.status, JSON.stringify(res.body)).toBe(403);
    const state = await g.delegate.client.ok<CirculationDto>('GET', `/api/meetings/${id}/circulation`);
    expect(state.stale).toBe(false);
  });

  it('a restore and a circulation at once: whichever goes first, the circulated version is the text', async () => {
    const g = await steeringGroup(t.admin);
    const id = g.meeting.id;
    const second = await t.admin.addMember(g.group.id, 'secretary', 'Second secretary');
    const editor = connectYClient(t.url, id, { cookie: g.secretary.client.cookie });
    await waitFor(() => editor.provider.synced, 5000, 'sync');
    appendParagraph(editor.doc, 'First wording.');
    await editor.whenSaved();
    const early = await g.secretary.client.ok<VersionDto>('POST', `/api/meetings/${id}/versions`, { label: 'early' });
    appendParagraph(editor.doc, 'Wording agreed later.');
    await editor.whenSaved();
    editor.destroy();

    // The restore has found the minutes a draft and reads the version when the circulation comes.
    const read = holdNext(versionRead);
    const restore = g.secretary.client.request('POST', `/api/meetings/${id}/versions/${early.id}/restore`);
    await read.answered;
    const circulated = second.client.request('PATCH', `/api/meetings/${id}`, { status: 'circulated' });
    await new Promise((r) => setTimeout(r, 300));
    read.release();
    const [restored, circulation] = await Promise.all([restore, circulated]);

    expect(circulation.status).toBe(200);
    expect([201, 409]).toContain(restored.status);
    const state = await g.delegate.client.ok<CirculationDto>('GET', `/api/meetings/${id}/circulation`);
    expect(state.stale, `restore answered ${restored.status}`).toBe(false);
    expect(await t.admin.minutesText(id)).toContain(restored.status === 201 ? 'First wording.' : 'Wording agreed later.');
    if (restored.status === 201) expect(await t.admin.minutesText(id)).not.toContain('Wording agreed later.');
  });
});
