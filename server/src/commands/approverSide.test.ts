import { describe, expect, it } from 'vitest';
import type { MemberDto } from '../../../shared/api/groups.js';
import { steeringGroup } from '../test/steeringGroup.js';
import { useTestServer } from '../test/testServer.js';

const t = useTestServer();

describe('making a member an approver', () => {
  it.each([
    ['side left out, member has none', { role: 'delegate', approver: true }],
    ['side empty', { role: 'delegate', side: '', approver: true }],
    ['side taken away from an approver', { role: 'delegate', side: null }],
  ])('is refused without a side of the group (%s): 400, not an approver who can never approve', async (_what, body) => {
    const g = await steeringGroup(t.admin);
    if (!('approver' in body)) await g.secretary.client.ok('PUT', `/api/groups/${g.group.id}/members/${g.delegate.userId}`, { role: 'delegate', side: 'kw', approver: true });
    const res = await g.secretary.client.request<MemberDto>('PUT', `/api/groups/${g.group.id}/members/${g.delegate.userId}`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
  });

  it('keeps the side it has when only the approver flag is given', async () => {
    const g = await steeringGroup(t.admin);
    const path = `/api/groups/${g.group.id}/members/${g.delegate.userId}`;
    await g.secretary.client.ok('PUT', path, { role: 'delegate', side: 'uk' });
    const res = await g.secretary.client.request<MemberDto>('PUT', path, { role: 'delegate', approver: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ side: 'uk', approver: true });
  });
});
