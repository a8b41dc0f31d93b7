import { describe, expect, it } from 'vitest';
import type { CommentDto } from '../../../shared/api/comments.js';
import { textRangeAnchor } from '../../../shared/anchors/encoding.js';
import type { ApiClient } from '../test/apiClient.js';
import { watchMeeting } from '../test/meetingEvents.js';
import { steeringGroup } from '../test/steeringGroup.js';
import { useTestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, waitFor } from '../test/yClient.js';

const t = useTestServer();

const post = (client: ApiClient, meetingId: string, body: unknown) => client.request<CommentDto>('POST', `/api/meetings/${meetingId}/comments`, body);
const list = (client: ApiClient, meetingId: string) => client.ok<CommentDto[]>('GET', `/api/meetings/${meetingId}/comments`);

describe('comments', () => {
  it('observers comment too; threads, replies, resolve and reopen, edits and deletion reach the room live', async () => {
    const g = await steeringGroup(t.admin);
    const id = g.meeting.id;
    const observer = await t.admin.addMember(g.group.id, 'observer', 'Observer');
    const writer = connectYClient(t.url, id, { cookie: g.secretary.client.cookie });
    await waitFor(() => writer.provider.synced, 5000, 'sync');
    const text = appendParagraph(writer.doc, 'يناقش الفريق خطة التدريب المشترك للعام المقبل.');
    await writer.whenSaved();
    const at = text.toString().indexOf('خطة التدريب');
    const anchor = textRangeAnchor(text, at, at + 'خطة التدريب'.length);
    const watcher = await watchMeeting(g.delegate.client, id);

    const thread = await post(observer.client, id, { body: 'Which plan is meant here?', anchor });
    expect(thread.status).toBe(201);
    expect(thread.body).toEqual({
      id: expect.any(String),
      author: { id: observer.userId, name: 'Observer' },
      anchor,
      quote: 'خطة التدريب',
      body: 'Which plan is meant here?',
      resolved: false,
      createdAt: expect.any(String),
    });
    const reply = await post(g.delegate.client, id, { body: 'The one agreed in session 15.', parentId: thread.body.id });
    expect(reply.body).toMatchObject({ parentId: thread.body.id, resolved: false });
    expect(reply.body).not.toHaveProperty('anchor');
    expect((await post(g.delegate.client, id, { body: 'nested', parentId: reply.body.id })).status).toBe(400);
    expect((await post(g.delegate.client, id, { body: 'anchored reply', parentId: thread.body.id, anchor })).status).toBe(400);
    expect((await post(g.delegate.client, id, { body: 'lost', parentId: crypto.randomUUID() })).status).toBe(404);
    const general = await post(g.kuwait.client, id, { body: 'A remark on the whole meeting.' });
    expect(general.body).not.toHaveProperty('anchor');
    expect(general.body).not.toHaveProperty('quote');

    // The thread: resolved by its author or the secretariat, named by any of its comments.
    expect((await g.kuwait.client.request('POST', `/api/meetings/${id}/comments/${thread.body.id}/resolve`)).status).toBe(403);
    const resolved = await observer.client.request<CommentDto>('POST', `/api/meetings/${id}/comments/${reply.body.id}/resolve`);
    expect(resolved.body).toMatchObject({ id: thread.body.id, resolved: true });
    const reopened = await g.secretary.client.request<CommentDto>('POST', `/api/meetings/${id}/comments/${thread.body.id}/reopen`);
    expect(reopened.body).toMatchObject({ id: thread.body.id, resolved: false });

    expect((await g.secretary.client.request('PATCH', `/api/meetings/${id}/comments/${reply.body.id}`, { body: 'changed' })).status).toBe(403);
    const edited = await g.delegate.client.request<CommentDto>('PATCH', `/api/meetings/${id}/comments/${reply.body.id}`, { body: 'The one agreed in session 16.' });
    expect(edited.body).toMatchObject({ body: 'The one agreed in session 16.', editedAt: expect.any(String) });

    // The quote follows the text.
    writer.doc.transact(() => text.insert(at + 'خطة '.length, 'العمل و'));
    await writer.whenSaved();
    await waitFor(() => watcher.seen.some((e) => e.name === 'comments:changed' && e.payload.comments.some((c: CommentDto) => c.quote === 'خطة العمل والتدريب')), 10_000, 'quote event');

    expect((await g.delegate.client.request('DELETE', `/api/meetings/${id}/comments/${thread.body.id}`)).status).toBe(403);
    expect((await g.secretary.client.request('DELETE', `/api/meetings/${id}/comments/${thread.body.id}`)).status).toBe(204);
    expect((await list(observer.client, id)).map((c) => c.body)).toEqual(['A remark on the whole meeting.']);
    await waitFor(() => watcher.seen.some((e) => e.name === 'comments:changed' && e.payload.removed.length === 2), 5000, 'deletion event');
    const events = watcher.seen.filter((e) => e.name === 'comments:changed');
    expect(events[0]!.payload).toEqual({ meetingId: id, comments: [thread.body], removed: [] });
    watcher.close();
    writer.destroy();
  });

  it('stores plain text exactly as sent, up to 4,000 characters', async () => {
    const g = await steeringGroup(t.admin);
    const id = g.meeting.id;
    const html = '<b>bold</b> <img src=x onerror="alert(1)"> &amp; <script>alert("x")</script>\nسطر ثانٍ';
    const stored = await post(g.delegate.client, id, { body: html });
    expect(stored.status).toBe(201);
    expect(stored.body.body).toBe(html);
    expect((await list(g.delegate.client, id)).find((c) => c.id === stored.body.id)!.body).toBe(html);
    expect((await post(g.delegate.client, id, { body: 'ك'.repeat(4000) })).status).toBe(201);
    const long = await post(g.delegate.client, id, { body: 'ك'.repeat(4001) });
    expect(long.status).toBe(400);
    expect(long.body).toMatchObject({ error: { issues: [expect.objectContaining({ path: 'body' })] } });
    expect((await post(g.delegate.client, id, { body: '   ' })).status).toBe(400);
    expect((await post(g.delegate.client, id, { body: 'a\u0000b' })).status).toBe(400);
  });

  it('may anchor to a range over several paragraphs (amendments may not)', async () => {
    const g = await steeringGroup(t.admin);
    const id = g.meeting.id;
    const writer = connectYClient(t.url, id, { cookie: g.secretary.client.cookie });
    await waitFor(() => writer.provider.synced, 5000, 'sync');
    const first = appendParagraph(writer.doc, 'The first point of the section.');
    const second = appendParagraph(writer.doc, 'النقطة الثانية من القسم.');
    await writer.whenSaved();
    writer.destroy();
    const anchor = { start: textRangeAnchor(first, 4, 4).start, end: textRangeAnchor(second, 14, 14).end };
    const comment = await post(g.delegate.client, id, { body: 'This whole passage needs rework.', anchor });
    expect(comment.status).toBe(201);
    expect(comment.body.quote).toBe('first point of the section.\nالنقطة الثانية');
    const amendment = await g.delegate.client.request('POST', `/api/meetings/${id}/amendments`, { anchor, proposed: 'x' });
    expect(amendment.status).toBe(422);
  });
});
