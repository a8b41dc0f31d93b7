import { io as ioClient, type Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { ApiClient } from '../test/apiClient.js';
import { storedText } from '../test/storedMinutes.js';
import { useTestMeeting, useTestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, waitFor } from '../test/yClient.js';

const t = useTestServer();
const fixture = useTestMeeting(t);

function connectRealtime(cookie: string): Promise<{ socket: Socket; disconnected: Promise<string> }> {
  const socket = ioClient(t.url, { transports: ['websocket'], reconnection: false, extraHeaders: { cookie } });
  const disconnected = new Promise<string>((resolve) => socket.on('disconnect', (reason) => resolve(reason)));
  return new Promise((resolve, reject) => {
    socket.on('connect', () => resolve({ socket, disconnected }));
    socket.on('connect_error', reject);
  });
}

describe('ending a session closes its websockets at once', () => {
  it('sign-out closes that session’s editor with 4401 and nothing it sends afterwards is stored; another session goes on', async () => {
    const member = await t.admin.addMember(fixture.groupId, 'delegate', 'leaving');
    const otherSession = await ApiClient.signIn(t.url, member.email, 'member-password-123');
    const editor = connectYClient(t.url, fixture.meetingId, { cookie: member.client.cookie });
    const stays = connectYClient(t.url, fixture.meetingId, { cookie: otherSession.cookie });
    const realtime = await connectRealtime(member.client.cookie!);
    await waitFor(() => editor.provider.synced && stays.provider.synced, 5000, 'sync');
    appendParagraph(editor.doc, 'before signing out');
    await editor.whenSaved();

    const signedOutAt = performance.now();
    expect((await member.client.request('POST', '/api/auth/logout')).status).toBe(204);
    const stillOpen = new Promise<{ code: number }>((resolve) => setTimeout(() => resolve({ code: -1 }), 2000));
    const closed = await Promise.race([editor.closed, stillOpen]);
    expect(closed.code, 'the editor’s websocket is still open 2 s after sign-out').toBe(CloseCode.unauthenticated);
    expect(performance.now() - signedOutAt).toBeLessThan(1000);
    expect(await realtime.disconnected).toBe('io server disconnect');

    // Whatever the signed-out tab still sends goes nowhere.
    appendParagraph(editor.doc, 'after signing out');
    await new Promise((r) => setTimeout(r, 500));
    const stored = await storedText(t.server.ctx.db.sql, fixture.meetingId);
    expect(stored).toContain('before signing out');
    expect(stored).not.toContain('after signing out');

    // The user's other session was not signed out.
    expect(stays.provider.wsconnected).toBe(true);
    appendParagraph(stays.doc, 'from the other session');
    await stays.whenSaved();
    editor.destroy();
    stays.destroy();
    realtime.socket.close();
  });

  it('disabling a user closes every editor and socket.io connection of theirs at once', async () => {
    const member = await t.admin.addMember(fixture.groupId, 'delegate', 'disabled');
    const second = await ApiClient.signIn(t.url, member.email, 'member-password-123');
    const editors = [member.client.cookie!, second.cookie!].map((cookie) => connectYClient(t.url, fixture.meetingId, { cookie }));
    const realtime = await connectRealtime(second.cookie!);
    await waitFor(() => editors.every((e) => e.provider.synced), 5000, 'sync');
    const disabledAt = performance.now();
    await t.admin.ok('PATCH', `/api/users/${member.userId}`, { disabled: true });
    for (const editor of editors) expect((await editor.closed).code).toBe(CloseCode.unauthenticated);
    expect(await realtime.disconnected).toBe('io server disconnect');
    expect(performance.now() - disabledAt).toBeLessThan(1000);
    editors.forEach((e) => e.destroy());
  });
});
