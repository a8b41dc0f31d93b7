import { describe, expect, it } from 'vitest';
import type { MemberDto } from '../../../shared/api/groups.js';
import { useTestServer } from '../test/testServer.js';

const t = useTestServer();

describe('the last secretary of a group', () => {
  it('cannot leave, be removed or lose the role, by themselves or an admin, until another secretary exists', async () => {
    const group = await t.admin.createGroup('مجموعة', 'Secretariat rules');
    const secretary = await t.admin.addMember(group.id, 'secretary', 'Maryam');
    const delegate = await t.admin.addMember(group.id, 'delegate', 'Oliver');
    const members = `/api/groups/${group.id}/members`;

    for (const [client, request] of [
      [secretary.client, ['DELETE', `${members}/${secretary.userId}`]],
      [secretary.client, ['PUT', `${members}/${secretary.userId}`, { role: 'delegate' }]],
      [t.admin, ['DELETE', `${members}/${secretary.userId}`]],
      [t.admin, ['PUT', `${members}/${secretary.userId}`, { role: 'observer' }]],
    ] as const) {
      const [method, path, body] = request;
      const res = await client.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(409);
      expect(res.body).toMatchObject({ error: { code: 'last_secretary' } });
    }
    const roles = await t.admin.ok<MemberDto[]>('GET', members);
    expect(roles.find((m) => m.userId === secretary.userId)?.role).toBe('secretary');

    // Other members come and go as before; with a second secretary the first may step down.
    expect((await secretary.client.request('PUT', `${members}/${delegate.userId}`, { role: 'observer' })).status).toBe(200);
    expect((await secretary.client.request('PUT', `${members}/${delegate.userId}`, { role: 'secretary' })).status).toBe(200);
    expect((await secretary.client.request('PUT', `${members}/${secretary.userId}`, { role: 'delegate' })).status).toBe(200);
    expect((await delegate.client.request('DELETE', `${members}/${delegate.userId}`)).body).toMatchObject({ error: { code: 'last_secretary' } });
  });

  it('two secretaries demoting each other at once leave one secretary', async () => {
    const group = await t.admin.createGroup('مجموعة', 'Race');
    const a = await t.admin.addMember(group.id, 'secretary', 'A');
    const b = await t.admin.addMember(group.id, 'secretary', 'B');
    const members = `/api/groups/${group.id}/members`;
    const answers = await Promise.all([
      a.client.request('PUT', `${members}/${b.userId}`, { role: 'delegate' }),
      b.client.request('PUT', `${members}/${a.userId}`, { role: 'delegate' }),
    ]);
    // The later one is refused: as the last secretary (409), or as no longer a secretary (403)
    // when the first change was committed before its rights were checked.
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const left = (await t.admin.ok<MemberDto[]>('GET', members)).filter((m) => m.role === 'secretary');
    expect(left).toHaveLength(1);
  });
});
