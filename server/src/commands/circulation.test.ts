import { io as ioClient } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import type { ApprovalDto, CirculationDto, VersionDto } from '../../../shared/api/versions.js';
import type { MeetingDto } from '../../../shared/api/meetings.js';
import { ApiClient } from '../test/apiClient.js';
import { approve, steeringGroup } from '../test/steeringGroup.js';
import { useTestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, waitFor } from '../test/yClient.js';

const t = useTestServer();

async function events(client: ApiClient, meetingId: string) {
  const socket = ioClient(client.baseUrl, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie: client.cookie! }, reconnection: false });
  const seen: string[] = [];
  socket.onAny((name: string) => seen.push(name));
  await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
  await socket.emitWithAck('meeting:watch', meetingId);
  return { seen, close: () => socket.close() };
}

describe('circulation and approval by each side', () => {
  it('circulates, refuses the wrong people and versions, and approves by itself once every side has approved', async () => {
    const g = await steeringGroup(t.admin);
    const id = g.meeting.id;
    const watcher = await events(g.delegate.client, id);
    const delegateEditor = connectYClient(t.url, id, { cookie: g.delegate.client.cookie });
    await waitFor(() => delegateEditor.provider.synced, 5000, 'sync');
    appendParagraph(delegateEditor.doc, 'Draft text agreed by the delegates.');
    await delegateEditor.whenSaved();

    // With sides, the secretary alone cannot approve.
    expect((await g.secretary.client.request('PATCH', `/api/meetings/${id}`, { status: 'approved' })).status).toBe(409);
    const circulated = await g.secretary.client.request<MeetingDto>('PATCH', `/api/meetings/${id}`, { status: 'circulated' });
    expect(circulated.body.status).toBe('circulated');
    const [version] = await g.delegate.client.ok<VersionDto[]>('GET', `/api/meetings/${id}/versions`);
    expect(version).toMatchObject({ number: 1, kind: 'circulated', createdBy: { id: g.secretary.userId, name: 'Secretariat' } });

    // Delegates only read while circulated: their editor reconnects and what it sends is dropped.
    expect((await delegateEditor.closed).code).toBe(1012);
    await waitFor(() => delegateEditor.provider.synced, 5000, 'resync');
    appendParagraph(delegateEditor.doc, 'DELEGATE WHILE CIRCULATED');
    await new Promise((r) => setTimeout(r, 300));
    expect(await t.admin.minutesText(id)).not.toContain('DELEGATE WHILE CIRCULATED');
    delegateEditor.destroy();

    // Only approvers, and only the latest circulated version.
    expect((await approve(g.delegate.client, id, version!.id)).status).toBe(403);
    expect((await approve(g.secretary.client, id, version!.id)).status).toBe(403);
    expect((await approve(t.admin, id, version!.id)).status).toBe(403);
    expect((await g.delegate.client.request('POST', `/api/meetings/${id}/approvals`, {})).status).toBe(403);
    expect((await g.kuwait.client.request('POST', `/api/meetings/${id}/approvals`, {})).status).toBe(400);
    const manual = await g.secretary.client.ok<VersionDto>('POST', `/api/meetings/${id}/versions`, { label: 'copy' });
    expect((await approve(g.kuwait.client, id, manual.id)).status).toBe(409);

    const given = await approve(g.kuwait.client, id, version!.id);
    expect(given.status).toBe(201);
    expect(given.body).toEqual({ side: 'kw', userId: g.kuwait.userId, name: 'Sheikh Ahmad', versionId: version!.id, sha256: version!.sha256, at: expect.any(String) });
    expect(await g.delegate.client.ok<ApprovalDto[]>('GET', `/api/meetings/${id}/approvals`)).toEqual([given.body]);
    // A second click (or a retried request) is the same approval: 200, given at the same time, audited once.
    const again = await approve(g.kuwait.client, id, version!.id);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(given.body);
    expect(await g.delegate.client.ok<ApprovalDto[]>('GET', `/api/meetings/${id}/approvals`)).toEqual([given.body]);
    const gives = (await t.admin.ok<{ action: string; target: string }[]>('GET', '/api/audit')).filter((a) => a.target === id && a.action === 'approval.give');
    expect(gives).toHaveLength(1);
    // Withdrawn, then given again by the other Kuwaiti approver: one approval per side is enough.
    expect((await g.kuwait.client.request('DELETE', `/api/meetings/${id}/approvals/mine`)).status).toBe(204);
    expect(await g.delegate.client.ok<ApprovalDto[]>('GET', `/api/meetings/${id}/approvals`)).toEqual([]);
    expect((await g.kuwait.client.request('DELETE', `/api/meetings/${id}/approvals/mine`)).status).toBe(404);
    expect((await approve(g.kuwait2.client, id, version!.id)).status).toBe(201);
    const state = await g.delegate.client.ok<CirculationDto>('GET', `/api/meetings/${id}/circulation`);
    expect(state).toMatchObject({ version: { id: version!.id }, stale: false });
    expect(state.sides.map((s) => [s.key, s.approvals.map((a) => a.name)])).toEqual([['kw', ['Fahad']], ['uk', []]]);

    // The last side's approval approves the meeting: same hash, locked, audited, announced.
    const secretaryEditor = connectYClient(t.url, id, { cookie: g.secretary.client.cookie });
    await waitFor(() => secretaryEditor.provider.synced, 5000, 'sync');
    expect((await approve(g.britain.client, id, version!.id)).status).toBe(201);
    expect((await g.delegate.client.ok<MeetingDto>('GET', `/api/meetings/${id}`)).status).toBe('approved');
    const versions = await g.delegate.client.ok<VersionDto[]>('GET', `/api/meetings/${id}/versions`);
    expect(versions.map((v) => v.kind)).toEqual(['circulated', 'manual', 'approved']);
    expect(versions[2]!.sha256).toBe(version!.sha256);
    expect((await secretaryEditor.closed).code).toBe(1012);
    await waitFor(() => secretaryEditor.provider.synced, 5000, 'resync');
    appendParagraph(secretaryEditor.doc, 'SECRETARY AFTER APPROVAL');
    await new Promise((r) => setTimeout(r, 300));
    expect(await t.admin.minutesText(id)).not.toContain('SECRETARY AFTER APPROVAL');
    secretaryEditor.destroy();
    // Final: no more approving or withdrawing.
    expect((await approve(g.kuwait.client, id, version!.id)).status).toBe(409);
    expect((await g.britain.client.request('DELETE', `/api/meetings/${id}/approvals/mine`)).status).toBe(409);

    await waitFor(() => ['versions:changed', 'approvals:changed', 'meeting:updated'].every((e) => watcher.seen.includes(e)), 5000, 'live events');
    watcher.close();
    const audit = await t.admin.ok<{ action: string; target: string }[]>('GET', '/api/audit');
    const actions = audit.filter((a) => a.target === id).map((a) => a.action);
    for (const action of ['version.circulated', 'version.manual', 'approval.give', 'approval.withdraw', 'version.approved', 'meeting.approve']) {
      expect(actions).toContain(action);
    }
  });

  it("a secretary's edit during circulation makes the version stale: further approvals are refused until it is circulated again", async () => {
    const g = await steeringGroup(t.admin);
    const id = g.meeting.id;
    await g.secretary.client.ok('PATCH', `/api/meetings/${id}`, { status: 'circulated' });
    const [first] = await g.secretary.client.ok<VersionDto[]>('GET', `/api/meetings/${id}/versions`);
    expect((await approve(g.kuwait.client, id, first!.id)).status).toBe(201);
    const watcher = await events(g.britain.client, id);

    const editor = connectYClient(t.url, id, { cookie: g.secretary.client.cookie });
    await waitFor(() => editor.provider.synced, 5000, 'sync');
    appendParagraph(editor.doc, 'A late correction by the secretariat.');
    await editor.whenSaved();
    // The approval panels hear of it live, and read that the circulated version is stale.
    await waitFor(() => watcher.seen.includes('approvals:changed'), 5000, 'staleness notice');
    watcher.close();
    expect((await g.britain.client.ok<CirculationDto>('GET', `/api/meetings/${id}/circulation`)).stale).toBe(true);
    const refused = await approve(g.britain.client, id, first!.id);
    expect(refused.status).toBe(409);
    expect((await g.britain.client.ok<MeetingDto>('GET', `/api/meetings/${id}`)).status).toBe('circulated');

    // Circulated again: the earlier approval does not carry over, and the old version is no longer approvable.
    await g.secretary.client.ok('PATCH', `/api/meetings/${id}`, { status: 'circulated' });
    const second = (await g.secretary.client.ok<VersionDto[]>('GET', `/api/meetings/${id}/versions`)).at(-1)!;
    expect(second).toMatchObject({ number: 2, kind: 'circulated' });
    expect(await g.britain.client.ok<ApprovalDto[]>('GET', `/api/meetings/${id}/approvals`)).toEqual([]);
    expect((await approve(g.kuwait.client, id, first!.id)).status).toBe(409);
    expect((await approve(g.britain.client, id, second.id)).status).toBe(201);
    expect((await approve(g.kuwait.client, id, second.id)).status).toBe(201);
    expect((await g.britain.client.ok<MeetingDto>('GET', `/api/meetings/${id}`)).status).toBe('approved');
    expect(await t.admin.minutesText(id)).toContain('A late correction by the secretariat.');

    // Reopening is the secretary's audited act; the approved versions stay.
    await g.secretary.client.ok('PATCH', `/api/meetings/${id}`, { status: 'draft' });
    const kinds = (await g.secretary.client.ok<VersionDto[]>('GET', `/api/meetings/${id}/versions`)).map((v) => v.kind);
    expect(kinds).toEqual(['circulated', 'circulated', 'approved']);
    editor.destroy();
  });

  it('two sides approving at the same moment approve the meeting once', async () => {
    const g = await steeringGroup(t.admin);
    const id = g.meeting.id;
    await g.secretary.client.ok('PATCH', `/api/meetings/${id}`, { status: 'circulated' });
    const [version] = await g.secretary.client.ok<VersionDto[]>('GET', `/api/meetings/${id}/versions`);
    const answers = await Promise.all([approve(g.kuwait.client, id, version!.id), approve(g.britain.client, id, version!.id)]);
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    expect((await g.delegate.client.ok<MeetingDto>('GET', `/api/meetings/${id}`)).status).toBe('approved');
    const kinds = (await g.delegate.client.ok<VersionDto[]>('GET', `/api/meetings/${id}/versions`)).map((v) => v.kind);
    expect(kinds).toEqual(['circulated', 'approved']);
  });
});
