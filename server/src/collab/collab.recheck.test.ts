import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { useTestServer } from '../test/testServer.js';
import { connectYClient, waitFor } from '../test/yClient.js';

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
