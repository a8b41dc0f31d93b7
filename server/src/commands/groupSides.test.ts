import { describe, expect, it } from 'vitest';
import type { GroupDto } from '../../../shared/api/groups.js';
import type { MeetingDto } from '../../../shared/api/meetings.js';
import type { CirculationDto, VersionDto } from '../../../shared/api/versions.js';
import { SIDES, approve, steeringGroup } from '../test/steeringGroup.js';
import { useTestServer } from '../test/testServer.js';

const t = useTestServer();

const EGYPT = { key: 'eg', nameAr: 'مصر', nameEn: 'Egypt' };

async function circulate(g: Awaited<ReturnType<typeof steeringGroup>>) {
  await g.secretary.client.ok('PATCH', `/api/meetings/${g.meeting.id}`, { status: 'circulated' });
  const versions = await g.delegate.client.ok<VersionDto[]>('GET', `/api/meetings/${g.meeting.id}/versions`);
  return versions.filter((v) => v.kind === 'circulated').sort((a, b) => b.number - a.number)[0]!;
}

const sidesOf = async (g: Awaited<ReturnType<typeof steeringGroup>>) =>
  (await g.secretary.client.ok<GroupDto>('GET', `/api/groups/${g.group.id}`)).sides.map((s) => s.key);

describe('the sides of a group whose minutes are being agreed', () => {
  it('cannot gain a side while minutes are circulated: the agreement asked of them would change under the approvers', async () => {
    const g = await steeringGroup(t.admin);
    const version = await circulate(g);
    expect((await approve(g.kuwait.client, g.meeting.id, version.id)).status).toBe(201);

    const added = await g.secretary.client.request<{ error: { code: string } }>('PATCH', `/api/groups/${g.group.id}`, { sides: [...SIDES, EGYPT] });
    expect(added.status).toBe(409);
    expect(added.body.error.code).toBe('sides_in_circulation');
    expect(await sidesOf(g)).toEqual(['kw', 'uk']);

    // The UK's approval still completes the agreement of the two sides it was circulated to.
    expect((await approve(g.britain.client, g.meeting.id, version.id)).status).toBe(201);
    expect((await g.delegate.client.ok<MeetingDto>('GET', `/api/meetings/${g.meeting.id}`)).status).toBe('approved');
  });

  it('can have its sides renamed while circulated (the same parties, a better name)', async () => {
    const g = await steeringGroup(t.admin);
    await circulate(g);
    const renamed = [{ ...SIDES[0]!, nameEn: 'State of Kuwait' }, SIDES[1]!];
    const group = await g.secretary.client.ok<GroupDto>('PATCH', `/api/groups/${g.group.id}`, { sides: renamed });
    expect(group.sides.map((s) => s.nameEn)).toEqual(['State of Kuwait', 'United Kingdom']);
    const state = await g.delegate.client.ok<CirculationDto>('GET', `/api/meetings/${g.meeting.id}/circulation`);
    expect(state.sides.map((s) => s.nameEn)).toEqual(['State of Kuwait', 'United Kingdom']);
  });

  it('can gain a side once the minutes are a draft again', async () => {
    const g = await steeringGroup(t.admin);
    await circulate(g);
    await g.secretary.client.ok('PATCH', `/api/meetings/${g.meeting.id}`, { status: 'draft' });
    await g.secretary.client.ok('PATCH', `/api/groups/${g.group.id}`, { sides: [...SIDES, EGYPT] });
    expect(await sidesOf(g)).toEqual(['kw', 'uk', 'eg']);
  });
});

describe('removing a side', () => {
  it('that members belong to is refused: they would approve for a side that is not there', async () => {
    const g = await steeringGroup(t.admin);
    const removed = await g.secretary.client.request<{ error: { code: string; params?: Record<string, unknown> } }>('PATCH', `/api/groups/${g.group.id}`, { sides: [SIDES[0]] });
    expect(removed.status).toBe(409);
    expect(removed.body.error.code).toBe('side_in_use');
    expect(removed.body.error.params).toEqual({ side: 'uk' });
    expect(await sidesOf(g)).toEqual(['kw', 'uk']);
  });

  it('that approved minutes of the group is refused, even once nobody belongs to it: the approved record names it', async () => {
    const g = await steeringGroup(t.admin);
    const version = await circulate(g);
    expect((await approve(g.kuwait.client, g.meeting.id, version.id)).status).toBe(201);
    expect((await approve(g.britain.client, g.meeting.id, version.id)).status).toBe(201);
    await g.secretary.client.ok('DELETE', `/api/groups/${g.group.id}/members/${g.britain.userId}`);

    const removed = await g.secretary.client.request<{ error: { code: string } }>('PATCH', `/api/groups/${g.group.id}`, { sides: [SIDES[0]] });
    expect(removed.status).toBe(409);
    expect(removed.body.error.code).toBe('side_in_use');
    const approvals = await g.delegate.client.ok<{ side: string }[]>('GET', `/api/meetings/${g.meeting.id}/approvals`);
    expect(approvals.map((a) => a.side).sort()).toEqual(['kw', 'uk']);
    expect(await sidesOf(g)).toEqual(['kw', 'uk']);
  });

  it('that nobody belongs to and nothing was approved for is allowed', async () => {
    const g = await steeringGroup(t.admin);
    await g.secretary.client.ok('PATCH', `/api/groups/${g.group.id}`, { sides: [...SIDES, EGYPT] });
    await g.secretary.client.ok('PATCH', `/api/groups/${g.group.id}`, { sides: SIDES });
    expect(await sidesOf(g)).toEqual(['kw', 'uk']);
  });
});
