import { describe, expect, it, vi } from 'vitest';
import type { CommentDto } from '../../../shared/api/comments.js';
import { holdNext } from '../test/lateAnswers.js';
import { useTestServer } from '../test/testServer.js';

// A request that read a comment just before its thread was deleted by someone else: the next
// read of the comments table (`findComment`) answers, then waits until released.
const late = vi.hoisted(() => ({ armed: false as boolean | string, answered: () => {}, release: Promise.resolve() }));
vi.mock('../../../db/queries/comments.js', async (real) => (await import('../test/lateAnswers.js')).answeringLate(await real(), 'findComment', late));

const t = useTestServer();

describe('comment requests racing the deletion of their thread', () => {
  it.each(['reply', 'resolve via a reply', 'edit', 'resolve'] as const)('%s: 404, not 500', async (what) => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const secretary = (await t.admin.addMember(group.id, 'secretary', 'Secretary')).client;
    const delegate = (await t.admin.addMember(group.id, 'delegate', 'Delegate')).client;
    const base = `/api/meetings/${meeting.id}/comments`;
    const thread = await delegate.ok<CommentDto>('POST', base, { body: 'On the whole meeting' });
    const reply = await delegate.ok<CommentDto>('POST', base, { body: 'A reply', parentId: thread.id });

    const held = holdNext(late);
    const request =
      what === 'reply'
        ? delegate.request('POST', base, { body: 'Another reply', parentId: thread.id })
        : what === 'resolve via a reply'
          ? delegate.request('POST', `${base}/${reply.id}/resolve`)
          : what === 'edit'
            ? delegate.request('PATCH', `${base}/${thread.id}`, { body: 'Corrected' })
            : delegate.request('POST', `${base}/${thread.id}/resolve`);
    await held.answered;
    // Meanwhile the secretariat deletes the thread (and its replies).
    expect((await secretary.request('DELETE', `${base}/${thread.id}`)).status).toBe(204);
    held.release();
    const res = await request;
    expect(res.status, JSON.stringify(res.body)).toBe(404);
  });
});
