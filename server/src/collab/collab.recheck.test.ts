import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { useTestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, waitFor } from '../test/yClient.js';

const t = useTestServer({ collabRecheckMs: 200 });

describe('open collab connections are re-checked', () => {
  it('closes with 4401 when the session expires while the minutes are open', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const member = await t.admin.addMember(group.id, 'delegate', 'idle');
    const client = connectYClient(t.url, meeting.id, { cookie: member.client.cookie });
    await waitFor(() => client.provider.synced, 5000, 'sync');
    await t.server.ctx.db.sql`update sessions set last_seen_at = now() - interval '2 hours' where user_id = ${member.userId}`;
    const started = Date.now();
    expect((await client.closed).code).toBe(CloseCode.unauthenticated);
    expect(Date.now() - started).toBeLessThan(2000);
    client.destroy();
  });

  it('closes with 4403 when the membership ends by another path, and keeps an active editor signed in', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const member = await t.admin.addMember(group.id, 'delegate', 'editor');
    const client = connectYClient(t.url, meeting.id, { cookie: member.client.cookie });
    await waitFor(() => client.provider.synced, 5000, 'sync');
    // Re-checks touch the session: an editor who only types stays signed in.
    await t.server.ctx.db.sql`update sessions set last_seen_at = now() - interval '5 minutes' where user_id = ${member.userId}`;
    await new Promise((r) => setTimeout(r, 500));
    const [session] = await t.server.ctx.db.sql<{ age: number }[]>`
      select extract(epoch from now() - last_seen_at)::int as age from sessions where user_id = ${member.userId}`;
    expect(session!.age).toBeLessThan(60);

    await t.server.ctx.db.sql`delete from memberships where user_id = ${member.userId}`;
    expect((await client.closed).code).toBe(CloseCode.forbidden);
    client.destroy();
  });
});

describe('a connection the re-check finds read-only', () => {
  it('cannot write, even while it withholds its reply to the close', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const delegate = await t.admin.addMember(group.id, 'delegate', 'Delegate');
    const editor = connectYClient(t.url, meeting.id, { cookie: delegate.client.cookie });
    await waitFor(() => editor.provider.synced, 10_000, 'sync');
    // A hostile client never answers the server's close frame (ws would at once), and ws goes on
    // delivering what it sends until it does (or for ws's 30 s close timeout).
    const receiver = (editor.provider as unknown as { ws: { _receiver: NodeJS.EventEmitter } }).ws._receiver;
    receiver.removeAllListeners('conclude');
    let closeSent = false;
    receiver.on('conclude', () => (closeSent = true));

    // The role changes by a path whose notice never came (another process, the database itself).
    await t.server.ctx.db.sql`update memberships set role = 'observer' where group_id = ${group.id} and user_id = ${delegate.userId}`;
    await waitFor(() => closeSent, 5000, 'the re-check closes the connection');
    for (let i = 0; i < 5; i++) {
      appendParagraph(editor.doc, `written as an observer ${i}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // What a still-writing peer would have had committed by now is long saved (commits take ms).
    await new Promise((r) => setTimeout(r, 500));
    expect(await t.admin.minutesText(meeting.id)).not.toContain('written as an observer');
    editor.destroy();
  }, 30_000);
});
