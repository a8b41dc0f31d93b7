import { describe, expect, it } from 'vitest';
import type { ActionItemDto } from '../../../shared/api/actionItems.js';
import type { VersionDto } from '../../../shared/api/versions.js';
import type { AmendmentDto } from '../../../shared/api/amendments.js';
import { textRangeAnchor } from '../../../shared/anchors/encoding.js';
import { listAudit } from '../../../db/queries/auditLog.js';
import { actionItemsOfDoc } from '../minutes/actionItemNodes.js';
import { storedDoc } from '../test/storedMinutes.js';
import { meetingWithActionItem } from '../test/meetingWithActionItem.js';
import type { Sql } from '../../../db/client.js';
import { approve, steeringGroup } from '../test/steeringGroup.js';
import { useTestMeeting, useTestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, waitFor } from '../test/yClient.js';

const t = useTestServer();
const m = useTestMeeting(t);

/**
 * The database refuses audit entries of `action` (a real failed statement, as a full disk would
 * give) while `run` runs: the change they record must not happen without them.
 */
async function withoutAudit<T>(sql: Sql, action: string, run: () => Promise<T>): Promise<T> {
  await sql.unsafe(`
    create function refuse_audit() returns trigger language plpgsql as $$
    begin raise exception 'audit refused for the test'; end $$;
    create trigger refuse_audit before insert on audit_log
      for each row when (new.action = '${action}') execute function refuse_audit();`);
  try {
    return await run();
  } finally {
    await sql.unsafe('drop trigger refuse_audit on audit_log; drop function refuse_audit();');
  }
}

const failed = (status: number) => expect(status).toBeGreaterThanOrEqual(500);

describe('a change whose audit entry cannot be written does not happen', () => {
  it('creating an account', async () => {
    const email = `c${Date.now()}@example.test`;
    failed((await withoutAudit(t.server.ctx.db.sql, 'user.create', () => t.admin.request('POST', '/api/users', { email, name: 'New', password: 'a-long-password' }))).status);
    expect((await t.admin.ok<{ email: string }[]>('GET', '/api/users')).map((u) => u.email)).not.toContain(email);
  });

  it('renaming an account', async () => {
    const { id } = await t.admin.ok<{ id: string }>('POST', '/api/users', { email: `a${Date.now()}@example.test`, name: 'Before', password: 'a-long-password' });
    failed((await withoutAudit(t.server.ctx.db.sql, 'user.update', () => t.admin.request('PATCH', `/api/users/${id}`, { name: 'After' }))).status);
    const users = await t.admin.ok<{ id: string; name: string }[]>('GET', '/api/users');
    expect(users.find((u) => u.id === id)?.name).toBe('Before');
  });

  it('revoking a session or signing out', async () => {
    const member = await t.admin.addMember(m.groupId, 'delegate', 'Session holder');
    const [session] = await t.admin.ok<{ id: string }[]>('GET', `/api/users/${member.userId}/sessions`);
    failed((await withoutAudit(t.server.ctx.db.sql, 'session.revoke', () => t.admin.request('DELETE', `/api/sessions/${session!.id}`))).status);
    failed((await withoutAudit(t.server.ctx.db.sql, 'auth.logout', () => member.client.request('POST', '/api/auth/logout'))).status);
    expect((await member.client.request('GET', '/api/me')).status).toBe(200);
  });

  it('creating a group, revoking an invitation', async () => {
    const before = (await t.admin.ok<unknown[]>('GET', '/api/groups')).length;
    failed((await withoutAudit(t.server.ctx.db.sql, 'group.create', () => t.admin.request('POST', '/api/groups', { nameAr: 'مجموعة', nameEn: 'Group' }))).status);
    expect(await t.admin.ok<unknown[]>('GET', '/api/groups')).toHaveLength(before);

    const invitation = await t.admin.ok<{ id: string; token: string }>('POST', '/api/invitations', { email: `i${Date.now()}@example.test` });
    failed((await withoutAudit(t.server.ctx.db.sql, 'invitation.revoke', () => t.admin.request('DELETE', `/api/invitations/${invitation.id}`))).status);
    expect((await t.admin.ok<{ id: string }[]>('GET', '/api/invitations')).map((i) => i.id)).toContain(invitation.id);
  });

  it('resolving or deleting a comment', async () => {
    const comment = await t.admin.ok<{ id: string }>('POST', `/api/meetings/${m.meetingId}/comments`, { body: 'a thread' });
    const path = `/api/meetings/${m.meetingId}/comments/${comment.id}`;
    failed((await withoutAudit(t.server.ctx.db.sql, 'comment.resolve', () => t.admin.request('POST', `${path}/resolve`))).status);
    failed((await withoutAudit(t.server.ctx.db.sql, 'comment.delete', () => t.admin.request('DELETE', path))).status);
    const comments = await t.admin.ok<{ id: string; resolved: boolean }[]>('GET', `/api/meetings/${m.meetingId}/comments`);
    expect(comments.find((c) => c.id === comment.id)).toMatchObject({ resolved: false });
  });

  it('withdrawing an approval', async () => {
    const g = await steeringGroup(t.admin);
    await g.secretary.client.ok('PATCH', `/api/meetings/${g.meeting.id}`, { status: 'circulated' });
    const [circulated] = await g.secretary.client.ok<VersionDto[]>('GET', `/api/meetings/${g.meeting.id}/versions`);
    expect((await approve(g.kuwait.client, g.meeting.id, circulated!.id)).status).toBe(201);
    const withdraw = () => g.kuwait.client.request('DELETE', `/api/meetings/${g.meeting.id}/approvals/mine`);
    failed((await withoutAudit(t.server.ctx.db.sql, 'approval.withdraw', withdraw)).status);
    expect(await g.kuwait.client.ok<unknown[]>('GET', `/api/meetings/${g.meeting.id}/approvals`)).toHaveLength(1);
  });

  it("changing a meeting's details or status", async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const path = `/api/meetings/${meeting.id}`;
    failed((await withoutAudit(t.server.ctx.db.sql, 'meeting.update', () => t.admin.request('PATCH', path, { titleEn: 'Renamed' }))).status);
    failed((await withoutAudit(t.server.ctx.db.sql, 'meeting.update', () => t.admin.request('PATCH', path, { status: 'approved' }))).status);
    expect(await t.admin.ok(`GET`, path)).toMatchObject({ titleEn: meeting.titleEn, status: 'draft' });
    // The minutes were unlocked again: they still take edits.
    expect(await t.admin.ok('PATCH', path, { titleEn: 'Renamed' })).toMatchObject({ titleEn: 'Renamed' });
  });

  it("setting an action item's status, in the minutes' log or (approved) in the tracker", async () => {
    const { meeting, secretary, editor, item } = await meetingWithActionItem(t);
    await t.server.ctx.projection.refresh(meeting.id);
    const setStatus = (status: string) => secretary.request<ActionItemDto>('PATCH', `/api/action-items/${item.id}`, { status });
    const entries = async () => listAudit(t.server.ctx.db.sql, { action: 'action_item.status', target: item.id });

    failed((await withoutAudit(t.server.ctx.db.sql, 'action_item.status', () => setStatus('done'))).status);
    const stored = await storedDoc(t.server.ctx.db.sql, meeting.id);
    expect(actionItemsOfDoc(stored).find((i) => i.id === item.id)?.status).toBe('open');
    editor.destroy();

    // Once the entry can be written, the change and its one entry are there.
    expect((await setStatus('done')).status).toBe(200);
    expect((await entries()).map((e) => e.details)).toEqual([{ from: 'open', to: 'done' }]);
    // Setting the status it has changes nothing, and records nothing.
    expect((await setStatus('done')).status).toBe(200);
    expect(await entries()).toHaveLength(1);

    await secretary.ok('PATCH', `/api/meetings/${meeting.id}`, { status: 'approved' });
    failed((await withoutAudit(t.server.ctx.db.sql, 'action_item.status', () => setStatus('open'))).status);
    const tracked = await secretary.ok<ActionItemDto[]>('GET', `/api/action-items?meetingId=${meeting.id}`);
    expect(tracked.find((i) => i.id === item.id)?.status).toBe('done');
    // In the tracker too: the same status records nothing, a new one its one entry.
    expect((await setStatus('done')).status).toBe(200);
    expect((await setStatus('open')).status).toBe(200);
    expect((await entries()).map((e) => e.details)).toEqual([
      { from: 'done', to: 'open' },
      { from: 'open', to: 'done' },
    ]);
  });

  it("restoring a version, accepting an amendment: the text change is audited by the statement that commits it", async () => {
    const g = await steeringGroup(t.admin);
    const id = g.meeting.id;
    const editor = connectYClient(t.url, id, { cookie: g.secretary.client.cookie });
    await waitFor(() => editor.provider.synced, 5000, 'sync');
    const text = appendParagraph(editor.doc, 'Item 3 is postponed to the next session.');
    await editor.whenSaved();
    const v1 = await g.secretary.client.ok<VersionDto>('POST', `/api/meetings/${id}/versions`, { label: 'first' });
    appendParagraph(editor.doc, 'A paragraph added after the version.');
    await editor.whenSaved();
    const entries = async (action: string) => listAudit(t.server.ctx.db.sql, { action, target: id });
    const versions = async () => (await g.secretary.client.ok<VersionDto[]>('GET', `/api/meetings/${id}/versions`)).length;

    const restore = () => g.secretary.client.request('POST', `/api/meetings/${id}/versions/${v1.id}/restore`);
    failed((await withoutAudit(t.server.ctx.db.sql, 'minutes.restore', restore)).status);
    expect(await t.admin.minutesText(id)).toContain('added after the version');
    expect(await versions()).toBe(1);
    expect((await restore()).status).toBe(201);
    expect(await t.admin.minutesText(id)).not.toContain('added after the version');
    expect((await entries('minutes.restore')).map((e) => e.details)).toEqual([{ versionId: v1.id, number: 1, sha256: v1.sha256 }]);
    // Restoring what the minutes already are changes nothing: a version row, no text change to record.
    expect((await restore()).status).toBe(201);
    expect(await entries('minutes.restore')).toHaveLength(1);

    const amendment = await g.delegate.client.ok<AmendmentDto>('POST', `/api/meetings/${id}/amendments`, { anchor: textRangeAnchor(text, 0, 'Item 3'.length), proposed: 'Item 4' });
    const accept = () => g.secretary.client.request<AmendmentDto>('POST', `/api/meetings/${id}/amendments/${amendment.id}/accept`);
    failed((await withoutAudit(t.server.ctx.db.sql, 'minutes.amend', accept)).status);
    expect(await t.admin.minutesText(id)).toContain('Item 3 is postponed');
    const [open] = await g.secretary.client.ok<AmendmentDto[]>('GET', `/api/meetings/${id}/amendments`);
    expect(open).toMatchObject({ id: amendment.id, status: 'open' });
    expect((await accept()).body).toMatchObject({ status: 'accepted' });
    expect(await t.admin.minutesText(id)).toContain('Item 4 is postponed');
    expect((await entries('minutes.amend')).map((e) => e.details)).toEqual([{ amendmentId: amendment.id, quote: 'Item 3', proposed: 'Item 4' }]);

    // The decision's transaction fails after the wording went in: a second attempt records the
    // decision (with the words replaced), and does not replace the new wording again.
    const start = 'Item 4 is '.length;
    const second = await g.delegate.client.ok<AmendmentDto>('POST', `/api/meetings/${id}/amendments`, {
      anchor: textRangeAnchor(text, start, start + 'postponed'.length),
      proposed: 'deferred',
    });
    const acceptSecond = () => g.secretary.client.request<AmendmentDto>('POST', `/api/meetings/${id}/amendments/${second.id}/accept`);
    failed((await withoutAudit(t.server.ctx.db.sql, 'amendment.accept', acceptSecond)).status);
    expect(await t.admin.minutesText(id)).toContain('Item 4 is deferred to the next session.');
    const retried = await acceptSecond();
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: second.id, status: 'accepted', quote: 'postponed', proposed: 'deferred' });
    expect(await t.admin.minutesText(id)).toContain('Item 4 is deferred to the next session.');
    expect((await entries('minutes.amend')).map((e) => e.details)).toEqual([
      { amendmentId: second.id, quote: 'postponed', proposed: 'deferred' },
      { amendmentId: amendment.id, quote: 'Item 3', proposed: 'Item 4' },
    ]);
    expect((await acceptSecond()).status).toBe(409);
    editor.destroy();
  });
});
