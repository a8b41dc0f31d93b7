import { describe, expect, it } from 'vitest';
import type { ActionItemDto } from '../../../shared/api/actionItems.js';
import { actionItemsOfDoc } from '../minutes/actionItemNodes.js';
import { storedDoc, storedText } from '../test/storedMinutes.js';
import { meetingWithActionItem } from '../test/meetingWithActionItem.js';
import { useTestServer } from '../test/testServer.js';
import { appendActionItem, appendParagraph, connectYClient, waitFor } from '../test/yClient.js';

const t = useTestServer();

describe('approving the minutes', () => {
  it('locks them for everyone, the tracker keeps tracking, and reopening writes statuses back', async () => {
    const { group, meeting, secretary, editor, item } = await meetingWithActionItem(t);

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

    // The tracker is the record now, kept by the delegates as by the secretariat until the next session.
    const delegate = (await t.admin.addMember(group.id, 'delegate', 'delegate')).client;
    const started = await delegate.request<ActionItemDto>('PATCH', `/api/action-items/${item.id}`, { status: 'in_progress' });
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('in_progress');
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

  it('while someone keeps typing: the tracker holds exactly the items of the approved text, and nothing lands after it', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const secretary = (await t.admin.addMember(group.id, 'secretary', 'secretary')).client;
    const delegate = (await t.admin.addMember(group.id, 'delegate', 'delegate')).client;
    const typist = connectYClient(t.url, meeting.id, { cookie: delegate.cookie });
    await waitFor(() => typist.provider.synced, 5000, 'sync');

    // A new action item every few milliseconds, without waiting for "saved", across the approval.
    let typing = true;
    const typed = (async () => {
      for (let i = 0; typing && i < 2000; i++) {
        appendActionItem(typist.doc, `بند ${i}`, { owner: 'KW' });
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    await waitFor(() => typist.counts.saved > 20, 5000, 'typing under way');
    const approved = await secretary.request('PATCH', `/api/meetings/${meeting.id}`, { status: 'approved' });
    expect(approved.status).toBe(200);
    expect((await typist.closed).code).toBe(1012);
    typing = false;
    await typed;

    const sql = t.server.ctx.db.sql;
    const doc = await storedDoc(sql, meeting.id);
    const stored = actionItemsOfDoc(doc).map((i) => i.id);
    doc.destroy();
    const tracked = (await secretary.ok<ActionItemDto[]>('GET', `/api/action-items?meetingId=${meeting.id}`)).map((i) => i.id);
    expect(stored.length).toBeGreaterThan(20);
    expect(new Set(tracked)).toEqual(new Set(stored));

    // The typist reconnects read-only; whatever it still sends is not taken.
    await new Promise((r) => setTimeout(r, 300));
    const after = await storedDoc(sql, meeting.id);
    expect(actionItemsOfDoc(after).map((i) => i.id)).toEqual(stored);
    after.destroy();
    typist.destroy();
  });
});
