import { io as ioClient, type Socket } from 'socket.io-client';
import { describe, expect, it, vi } from 'vitest';
import { holdNext } from '../test/lateAnswers.js';
import { useTestServer } from '../test/testServer.js';
import { waitFor } from '../test/yClient.js';

// A `meeting:watch` whose access was read just before a removal committed, handled after it.
const late = vi.hoisted(() => ({ armed: false as boolean | string, answered: () => {}, release: Promise.resolve() }));
vi.mock('../auth/policies.js', async (real) => (await import('../test/lateAnswers.js')).answeringLate(await real(), 'requireMeeting', late));

const t = useTestServer();

function listen(cookie: string): { socket: Socket; heard: string[] } {
  const socket = ioClient(t.url, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie } });
  const heard: string[] = [];
  socket.onAny((name: string, payload: { meetingId?: string }) => heard.push(`${name} ${payload.meetingId}`));
  return { socket, heard };
}

describe('a member removed while their meeting:watch is being checked', () => {
  it('is not let into the meeting on the answer given before the removal, and hears nothing of it after', async () => {
    const groupId = (await t.admin.createGroup()).id;
    const meetingId = (await t.admin.createMeeting(groupId)).id;
    const leaving = await t.admin.addMember(groupId, 'delegate', 'leaving');
    const member = listen(leaving.client.cookie!);
    const secretariat = listen(t.admin.cookie!);
    await waitFor(() => member.socket.connected && secretariat.socket.connected, 5000, 'connected');
    expect(await secretariat.socket.emitWithAck('meeting:watch', meetingId)).toEqual({ ok: true });

    // Their watch is allowed by the database (still a member), and handled only once the
    // removal has been answered (leaveGroup done).
    const held = holdNext(late, meetingId);
    const watched = member.socket.emitWithAck('meeting:watch', meetingId);
    await held.answered;
    await t.admin.ok('DELETE', `/api/groups/${groupId}/members/${leaving.userId}`);
    held.release();
    expect(await watched).toEqual({ error: expect.any(String) });

    await t.admin.ok('POST', `/api/meetings/${meetingId}/comments`, { body: 'ملاحظة بعد مغادرة العضو' });
    await waitFor(() => secretariat.heard.includes(`comments:changed ${meetingId}`), 5000, 'the secretariat hears the comment');
    // The member's socket is still connected (they are signed in), just not in the meeting.
    expect(member.socket.connected).toBe(true);
    expect(member.heard.filter((event) => event.endsWith(meetingId))).toEqual([]);
    member.socket.close();
    secretariat.socket.close();
  });
});
