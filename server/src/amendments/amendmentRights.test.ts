import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AmendmentDto } from '../../../shared/api/amendments.js';
import type { MeetingDto } from '../../../shared/api/meetings.js';
import type { CirculationDto, VersionDto } from '../../../shared/api/versions.js';
import { encodePosition, textRangeAnchor } from '../../../shared/anchors/encoding.js';
import type { ApiClient } from '../test/apiClient.js';
import { approve, steeringGroup } from '../test/steeringGroup.js';
import { useTestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, waitFor } from '../test/yClient.js';

const t = useTestServer();

/** A meeting whose minutes hold two saved paragraphs; returns their texts (on a closed client's doc). */
async function minutesWith(client: ApiClient, meetingId: string, ...paragraphs: string[]): Promise<Y.XmlText[]> {
  const y = connectYClient(t.url, meetingId, { cookie: client.cookie });
  await waitFor(() => y.provider.synced, 5000, 'sync');
  const texts = paragraphs.map((p) => appendParagraph(y.doc, p));
  await y.whenSaved();
  y.provider.destroy();
  return texts;
}

const propose = (client: ApiClient, meetingId: string, body: unknown) => client.request<AmendmentDto>('POST', `/api/meetings/${meetingId}/amendments`, body);
const act = (client: ApiClient, meetingId: string, id: string, action: string, body?: unknown) =>
  client.request<AmendmentDto>('POST', `/api/meetings/${meetingId}/amendments/${id}/${action}`, body);

describe('amendment rights and rules', () => {
  it('delegates and secretaries propose, observers may not; only the secretariat decides, only the author withdraws; every decision is audited', async () => {
    const g = await steeringGroup(t.admin);
    const id = g.meeting.id;
    const observer = await t.admin.addMember(g.group.id, 'observer', 'Observer');
    const [text] = await minutesWith(g.secretary.client, id, 'Item 3 is postponed to the next session.');
    const anchor = textRangeAnchor(text!, 0, 'Item 3'.length);
    const body = { anchor, proposed: 'Item 4', rationale: 'Numbering' };

    expect((await propose(observer.client, id, body)).status).toBe(403);
    const byDelegate = await propose(g.delegate.client, id, body);
    expect(byDelegate.status).toBe(201);
    expect(byDelegate.body.side).toBeNull();
    const bySecretary = await propose(g.secretary.client, id, { ...body, proposed: 'Item three' });
    expect(bySecretary.status).toBe(201);
    const byKuwait = await propose(g.kuwait.client, id, { anchor, proposed: '' });
    expect(byKuwait.body).toMatchObject({ side: 'kw', proposed: '', rationale: '' });

    for (const client of [observer.client, g.delegate.client, g.kuwait.client]) {
      expect((await act(client, id, byKuwait.body.id, 'accept')).status).toBe(403);
      expect((await act(client, id, byKuwait.body.id, 'reject', { reason: 'no' })).status).toBe(403);
    }
    expect((await act(g.secretary.client, id, byDelegate.body.id, 'withdraw')).status).toBe(403);
    expect((await act(g.kuwait.client, id, byDelegate.body.id, 'withdraw')).status).toBe(403);

    const withdrawn = await act(g.delegate.client, id, byDelegate.body.id, 'withdraw');
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', decidedBy: { id: g.delegate.userId } });
    const again = await act(g.delegate.client, id, byDelegate.body.id, 'withdraw');
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'amendment_not_open', params: { status: 'withdrawn' } } });

    const rejected = await act(g.secretary.client, id, bySecretary.body.id, 'reject', { reason: 'The numbering stays.' });
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'The numbering stays.', decidedBy: { id: g.secretary.userId, name: 'Secretariat' } });
    expect((await act(g.secretary.client, id, bySecretary.body.id, 'accept')).status).toBe(409);

    // A deletion: the anchored words go.
    const accepted = await act(t.admin, id, byKuwait.body.id, 'accept');
    expect(accepted.body).toMatchObject({ status: 'accepted', quote: 'Item 3' });
    expect(await t.admin.minutesText(id)).toContain('\n is postponed to the next session.');
    expect((await act(g.secretary.client, id, crypto.randomUUID(), 'accept')).status).toBe(404);
    expect((await act(g.secretary.client, id, 'not-an-id', 'reject')).status).toBe(404);

    const list = await g.kuwait.client.ok<AmendmentDto[]>('GET', `/api/meetings/${id}/amendments`);
    expect(list.map((a) => a.status)).toEqual(['withdrawn', 'rejected', 'accepted']);
    expect((await observer.client.request('GET', `/api/meetings/${id}/amendments`)).status).toBe(200);

    const audit = await t.admin.ok<{ action: string; target: string; details: Record<string, unknown> }[]>('GET', '/api/audit');
    const mine = audit.filter((a) => a.target === id && a.action.startsWith('amendment.'));
    expect(mine.map((a) => a.action).sort()).toEqual(['amendment.accept', 'amendment.propose', 'amendment.propose', 'amendment.propose', 'amendment.reject', 'amendment.withdraw']);
    expect(mine.find((a) => a.action === 'amendment.reject')!.details).toMatchObject({ amendmentId: bySecretary.body.id, reason: 'The numbering stays.' });
  });

  it('refuses anchors that do not resolve (422) or span two paragraphs (422), and malformed ones (400)', async () => {
    const g = await steeringGroup(t.admin);
    const id = g.meeting.id;
    const [first, second] = await minutesWith(g.secretary.client, id, 'First paragraph.', 'Second paragraph.');
    const spanning = { start: textRangeAnchor(first!, 6, 6).start, end: textRangeAnchor(second!, 6, 6).end };
    const across = await propose(g.delegate.client, id, { anchor: spanning, proposed: 'x' });
    expect(across.status).toBe(422);
    expect(across.body).toMatchObject({ error: { code: 'anchor_spans_blocks' } });

    // A position in content the server never received (another client's unsaved text).
    const unsaved = new Y.Doc();
    unsaved.getXmlFragment('default').insert(0, [new Y.XmlText('never sent')]);
    const text = unsaved.getXmlFragment('default').get(0) as Y.XmlText;
    const unknown = await propose(g.delegate.client, id, { anchor: textRangeAnchor(text, 0, 5), proposed: 'x' });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ error: { code: 'anchor_unresolved' } });
    // The root type by name, not text of a block.
    const root = encodePosition(Y.createRelativePositionFromTypeIndex(unsaved.getXmlFragment('default'), 0, 0));
    expect((await propose(g.delegate.client, id, { anchor: { start: root, end: root }, proposed: 'x' })).status).toBe(422);
    // Another root by name: refused without creating it in the live document (kept loaded by an editor).
    const open = connectYClient(t.url, id, { cookie: g.secretary.client.cookie });
    await waitFor(() => open.provider.synced, 5000, 'sync');
    const elsewhere = encodePosition(Y.createRelativePositionFromTypeIndex(unsaved.getText('elsewhere'), 0, 0));
    expect((await propose(g.delegate.client, id, { anchor: { start: elsewhere, end: elsewhere }, proposed: 'x' })).status).toBe(422);
    expect(await t.server.ctx.registry.with(id, (live) => live.read((doc) => [...doc.share.keys()]))).toEqual(['default']);
    open.destroy();

    for (const anchor of [{ start: 'not base64!', end: 'AA==' }, { start: '', end: '' }, { start: 'AAAA', end: 'AAAA' }, 'a string']) {
      const bad = await propose(g.delegate.client, id, { anchor, proposed: 'x' });
      expect(bad.status, JSON.stringify(anchor)).toBe(400);
      expect(bad.body).toMatchObject({ error: { code: 'invalid', issues: expect.arrayContaining([expect.objectContaining({ path: expect.stringMatching(/^anchor/) })]) } });
    }
    const good = textRangeAnchor(first!, 0, 5);
    expect((await propose(g.delegate.client, id, { anchor: good, proposed: 'one\ntwo' })).status).toBe(400);
    expect((await propose(g.delegate.client, id, { anchor: good, proposed: 'x'.repeat(4001) })).status).toBe(400);
    expect((await propose(g.delegate.client, id, { anchor: good, proposed: 'x', extra: 1 })).status).toBe(400);
    // A collapsed anchor is an insertion point.
    const insertion = await propose(g.delegate.client, id, { anchor: textRangeAnchor(first!, 16, 16), proposed: ' It is short.' });
    expect(insertion.body).toMatchObject({ status: 'open', quote: '' });
    expect((await act(g.secretary.client, id, insertion.body.id, 'accept')).status).toBe(200);
    expect(await t.admin.minutesText(id)).toContain('First paragraph. It is short.\nSecond paragraph.');
  });

  it('refuses approval while amendments are open, saying how many; accepting during circulation makes the version stale', async () => {
    const g = await steeringGroup(t.admin);
    const id = g.meeting.id;
    const [text] = await minutesWith(g.secretary.client, id, 'The working group met in London on 2 December.');
    const at = 'The working group met in '.length;
    const first = await propose(g.britain.client, id, { anchor: textRangeAnchor(text!, at, at + 'London'.length), proposed: 'Manchester' });
    await propose(g.kuwait.client, id, { anchor: textRangeAnchor(text!, 0, 3), proposed: 'This' });
    await g.secretary.client.ok('PATCH', `/api/meetings/${id}`, { status: 'circulated' });
    const [version] = await g.secretary.client.ok<VersionDto[]>('GET', `/api/meetings/${id}/versions`);

    const refused = await approve(g.kuwait.client, id, version!.id);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'amendments_open', params: { count: 2 } } });
    expect((refused.body as any).error.message).toContain('2 amendments are still open');

    // Delegates still propose while circulated (they cannot edit); the secretariat accepts.
    expect((await act(g.secretary.client, id, first.body.id, 'accept')).status).toBe(200);
    const circulation = await g.kuwait.client.ok<CirculationDto>('GET', `/api/meetings/${id}/circulation`);
    expect(circulation.stale).toBe(true);
    const one = await approve(g.kuwait.client, id, version!.id);
    expect(one.body).toMatchObject({ error: { code: 'amendments_open', params: { count: 1 } } });
    expect((one.body as any).error.message).toContain('1 amendment is still open');

    const [other] = (await g.secretary.client.ok<AmendmentDto[]>('GET', `/api/meetings/${id}/amendments`)).filter((a) => a.status === 'open');
    await act(g.secretary.client, id, other!.id, 'reject', {});
    await g.secretary.client.ok('PATCH', `/api/meetings/${id}`, { status: 'circulated' });
    const second = (await g.secretary.client.ok<VersionDto[]>('GET', `/api/meetings/${id}/versions`)).at(-1)!;
    expect((await approve(g.kuwait.client, id, second.id)).status).toBe(201);
    expect((await approve(g.britain.client, id, second.id)).status).toBe(201);
    expect(await t.admin.minutesText(id)).toContain('The working group met in Manchester on 2 December.');

    // Approved minutes take no more amendments.
    const late = await propose(g.kuwait.client, id, { anchor: textRangeAnchor(text!, 0, 3), proposed: 'A' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ error: { code: 'minutes_not_amendable' } });
  });

  it('in a group without sides, PATCH status approved is refused while an amendment is open', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const delegate = await t.admin.addMember(group.id, 'delegate', 'Delegate');
    const [text] = await minutesWith(t.admin, meeting.id, 'Minutes of a group without sides.');
    const open = await propose(delegate.client, meeting.id, { anchor: textRangeAnchor(text!, 0, 7), proposed: 'Record' });
    const refused = await t.admin.request('PATCH', `/api/meetings/${meeting.id}`, { status: 'approved' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: 'amendments_open', params: { count: 1 }, message: expect.stringContaining('1 amendment is still open') } });
    expect((await t.admin.ok<MeetingDto>('GET', `/api/meetings/${meeting.id}`)).status).toBe('draft');
    // The minutes were not left locked by the refusal.
    const writer = connectYClient(t.url, meeting.id, { cookie: t.admin.cookie });
    await waitFor(() => writer.provider.synced, 5000, 'sync');
    appendParagraph(writer.doc, 'Still editable.');
    await writer.whenSaved();
    writer.destroy();
    await act(delegate.client, meeting.id, open.body.id, 'withdraw');
    expect((await t.admin.request('PATCH', `/api/meetings/${meeting.id}`, { status: 'approved' })).status).toBe(200);
  });
});
