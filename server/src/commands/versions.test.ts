import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { GroupDto, MemberDto } from '../../../shared/api/groups.js';
import type { CompareDto, VersionDto } from '../../../shared/api/versions.js';
import { canonicalJson } from '../../../shared/canonicalJson.js';
import { useTestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, paragraphText, waitFor } from '../test/yClient.js';

const t = useTestServer();

const SIDES = [
  { key: 'kw', nameAr: 'الكويت', nameEn: 'Kuwait' },
  { key: 'uk', nameAr: 'المملكة المتحدة', nameEn: 'United Kingdom' },
];

describe('sides of a working group', () => {
  it('are set by PATCH, returned by GET, accepted at creation, and name the members who approve', async () => {
    const created = await t.admin.ok<GroupDto>('POST', '/api/groups', { nameAr: 'مجموعة', nameEn: 'Group', sides: SIDES });
    expect(created.sides).toEqual(SIDES);
    const group = await t.admin.createGroup();
    expect(group.sides).toEqual([]);
    const secretary = await t.admin.addMember(group.id, 'secretary');
    const delegate = await t.admin.addMember(group.id, 'delegate');
    expect((await delegate.client.request('PATCH', `/api/groups/${group.id}`, { sides: SIDES })).status).toBe(403);
    const patched = await secretary.client.request<GroupDto>('PATCH', `/api/groups/${group.id}`, { sides: SIDES });
    expect(patched.status).toBe(200);
    expect(patched.body.sides).toEqual(SIDES);
    expect((await delegate.client.ok<GroupDto>('GET', `/api/groups/${group.id}`)).sides).toEqual(SIDES);
    const duplicate = await t.admin.request('PATCH', `/api/groups/${group.id}`, { sides: [SIDES[0], SIDES[0]] });
    expect(duplicate.status).toBe(400);

    const set = await secretary.client.request<MemberDto>('PUT', `/api/groups/${group.id}/members/${delegate.userId}`, { role: 'delegate', side: 'kw', approver: true });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ userId: delegate.userId, role: 'delegate', side: 'kw', approver: true });
    // A role change alone keeps the side and the approver flag.
    await secretary.client.ok('PUT', `/api/groups/${group.id}/members/${delegate.userId}`, { role: 'observer' });
    const members = await delegate.client.ok<MemberDto[]>('GET', `/api/groups/${group.id}/members`);
    expect(members.find((m) => m.userId === delegate.userId)).toMatchObject({ role: 'observer', side: 'kw', approver: true });
    expect(members.find((m) => m.userId === secretary.userId)).toMatchObject({ side: null, approver: false });
    const unknown = await secretary.client.request('PUT', `/api/groups/${group.id}/members/${delegate.userId}`, { role: 'delegate', side: 'fr' });
    expect(unknown.status).toBe(400);
    const sideless = await secretary.client.request('PUT', `/api/groups/${group.id}/members/${delegate.userId}`, { role: 'delegate', side: null, approver: true });
    expect(sideless.status).toBe(400);
  });
});

describe('versions of the minutes', () => {
  it('are frozen copies anyone in the group can list, read and recompute the hash of', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const delegate = await t.admin.addMember(group.id, 'delegate', 'Layla');
    const observer = await t.admin.addMember(group.id, 'observer');
    const editor = connectYClient(t.url, meeting.id, { cookie: delegate.client.cookie });
    await waitFor(() => editor.provider.synced, 5000, 'sync');
    appendParagraph(editor.doc, 'النسخة الأولى من الفقرة.');
    await editor.whenSaved();

    expect((await observer.client.request('POST', `/api/meetings/${meeting.id}/versions`, { label: 'x' })).status).toBe(403);
    const first = await delegate.client.request<VersionDto>('POST', `/api/meetings/${meeting.id}/versions`, { label: 'مسودة أولى' });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      id: expect.any(String),
      number: 1,
      label: 'مسودة أولى',
      kind: 'manual',
      createdAt: expect.any(String),
      createdBy: { id: delegate.userId, name: 'Layla' },
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    appendParagraph(editor.doc, 'Second paragraph, in English.');
    await editor.whenSaved();
    const second = await delegate.client.ok<VersionDto>('POST', `/api/meetings/${meeting.id}/versions`, {});
    const list = await observer.client.ok<VersionDto[]>('GET', `/api/meetings/${meeting.id}/versions`);
    expect(list.map((v) => [v.number, v.kind])).toEqual([[1, 'manual'], [2, 'manual']]);

    // The hash is the SHA-256 of the RFC 8785 form of exactly the JSON the API serves.
    const json = await observer.client.ok(`GET`, `/api/meetings/${meeting.id}/versions/${first.body.id}/minutes?format=json`);
    expect(createHash('sha256').update(canonicalJson(json)).digest('hex')).toBe(first.body.sha256);
    const text = await observer.client.request<string>('GET', `/api/meetings/${meeting.id}/versions/${first.body.id}/minutes?format=text`);
    expect(text.body).toContain('النسخة الأولى من الفقرة.');
    expect(text.body).not.toContain('Second paragraph');
    // The current text and the second version hash the same.
    const current = await observer.client.ok('GET', `/api/meetings/${meeting.id}/minutes?format=json`);
    expect(createHash('sha256').update(canonicalJson(current)).digest('hex')).toBe(second.sha256);
    expect((await observer.client.request('GET', `/api/meetings/${meeting.id}/versions/${crypto.randomUUID()}/minutes`)).status).toBe(404);
    editor.destroy();
  });

  it('compare a version with a later one or with the current text, block by block', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const editor = connectYClient(t.url, meeting.id, { cookie: t.admin.cookie });
    await waitFor(() => editor.provider.synced, 5000, 'sync');
    appendParagraph(editor.doc, 'وافق الجانبان على خطة التدريب.');
    appendParagraph(editor.doc, 'This paragraph will go.');
    await editor.whenSaved();
    const v1 = await t.admin.ok<VersionDto>('POST', `/api/meetings/${meeting.id}/versions`, { label: 'v1' });
    const fragment = editor.doc.getXmlFragment('default');
    editor.doc.transact(() => {
      paragraphText(editor.doc, fragment.length - 2).insert('وافق الجانبان على خطة'.length, ' المشتركة');
      fragment.delete(fragment.length - 1, 1);
    });
    appendParagraph(editor.doc, 'Next meeting: London, March 2027.');
    await editor.whenSaved();

    const res = await t.admin.ok<CompareDto>('GET', `/api/meetings/${meeting.id}/compare?from=${v1.id}&to=current`);
    const changed = res.blocks.filter((b) => b.op !== 'equal');
    expect(changed).toEqual([
      {
        op: 'change',
        before: 'وافق الجانبان على خطة التدريب.',
        after: 'وافق الجانبان على خطة المشتركة التدريب.',
        parts: expect.arrayContaining([{ op: 'insert', text: expect.stringContaining('المشتركة') }]),
      },
      { op: 'delete', before: 'This paragraph will go.' },
      { op: 'insert', after: 'Next meeting: London, March 2027.' },
    ]);
    expect(res.blocks.filter((b) => b.op === 'equal').length).toBeGreaterThan(3);
    const v2 = await t.admin.ok<VersionDto>('POST', `/api/meetings/${meeting.id}/versions`, { label: 'v2' });
    const between = await t.admin.ok<CompareDto>('GET', `/api/meetings/${meeting.id}/compare?from=${v1.id}&to=${v2.id}`);
    expect(between).toEqual(res);
    expect((await t.admin.request('GET', `/api/meetings/${meeting.id}/compare?from=${v1.id}&to=nope`)).status).toBe(404);
    editor.destroy();
  });

  it('restore makes the live minutes equal to a version as a forward change two connected clients see', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const secretary = await t.admin.addMember(group.id, 'secretary');
    const delegate = await t.admin.addMember(group.id, 'delegate');
    const a = connectYClient(t.url, meeting.id, { cookie: secretary.client.cookie });
    const b = connectYClient(t.url, meeting.id, { cookie: delegate.client.cookie });
    await waitFor(() => a.provider.synced && b.provider.synced, 5000, 'sync');
    appendParagraph(a.doc, 'Text agreed in the morning.');
    await a.whenSaved();
    const v1 = await secretary.client.ok<VersionDto>('POST', `/api/meetings/${meeting.id}/versions`, { label: 'morning' });
    const morning = a.doc.getXmlFragment('default').length - 1;
    appendParagraph(b.doc, 'An afternoon addition to drop.');
    paragraphText(a.doc, morning).insert(0, 'EDITED ');
    await Promise.all([a.whenSaved(), b.whenSaved()]);
    await waitFor(() => a.text().includes('afternoon') && b.text().includes('EDITED'), 5000, 'both edits seen');

    expect((await delegate.client.request('POST', `/api/meetings/${meeting.id}/versions/${v1.id}/restore`)).status).toBe(403);
    const restored = await secretary.client.request<VersionDto>('POST', `/api/meetings/${meeting.id}/versions/${v1.id}/restore`);
    expect(restored.status).toBe(201);
    expect(restored.body).toMatchObject({ kind: 'restored', number: 2, sha256: v1.sha256 });
    // Both editors see the restored text live, without reconnecting.
    await waitFor(() => a.text() === b.text() && !a.text().includes('afternoon') && !a.text().includes('EDITED'), 5000, 'restored text on both clients');
    expect(a.text()).toContain('Text agreed in the morning.');
    expect(await t.admin.minutesText(meeting.id)).toBe(a.text());
    // Editing goes on after the restore.
    appendParagraph(b.doc, 'After the restore.');
    await b.whenSaved();
    expect(await t.admin.minutesText(meeting.id)).toContain('After the restore.');

    await secretary.client.ok('PATCH', `/api/meetings/${meeting.id}`, { status: 'circulated' });
    expect((await secretary.client.request('POST', `/api/meetings/${meeting.id}/versions/${v1.id}/restore`)).status).toBe(409);
    a.destroy();
    b.destroy();
  });
});
