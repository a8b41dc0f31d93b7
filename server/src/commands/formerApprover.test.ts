import { describe, expect, it } from 'vitest';
import { listApprovals } from '../../../db/queries/approvals.js';
import type { MeetingDto } from '../../../shared/api/meetings.js';
import type { CirculationDto, VersionDto } from '../../../shared/api/versions.js';
import { approve, steeringGroup } from '../test/steeringGroup.js';
import { useTestServer } from '../test/testServer.js';

const t = useTestServer();

async function circulate(g: Awaited<ReturnType<typeof steeringGroup>>) {
  await g.secretary.client.ok('PATCH', `/api/meetings/${g.meeting.id}`, { status: 'circulated' });
  const versions = await g.delegate.client.ok<VersionDto[]>('GET', `/api/meetings/${g.meeting.id}/versions`);
  return versions.filter((v) => v.kind === 'circulated').sort((a, b) => b.number - a.number)[0]!;
}

describe('the approval of someone who is no longer the approver of a side', () => {
  it('removed from the group: their approval must not complete the agreement', async () => {
    const g = await steeringGroup(t.admin);
    const id = g.meeting.id;
    const version = await circulate(g);
    expect((await approve(g.kuwait.client, id, version.id)).status).toBe(201);
    // The secretariat removes the Kuwaiti approver from the working group.
    await g.secretary.client.ok('DELETE', `/api/groups/${g.group.id}/members/${g.kuwait.userId}`);
    // Kuwait's side has no approval by any current approver; the UK approves.
    expect((await approve(g.britain.client, id, version.id)).status).toBe(201);
    const meeting = await g.delegate.client.ok<MeetingDto>('GET', `/api/meetings/${id}`);
    expect(meeting.status).toBe('circulated');
  });

  it('approver flag taken away: their approval is taken back and no longer shows', async () => {
    const g = await steeringGroup(t.admin);
    const id = g.meeting.id;
    const version = await circulate(g);
    expect((await approve(g.kuwait.client, id, version.id)).status).toBe(201);
    await g.secretary.client.ok('PUT', `/api/groups/${g.group.id}/members/${g.kuwait.userId}`, { role: 'delegate', approver: false });
    const state = await g.delegate.client.ok<CirculationDto>('GET', `/api/meetings/${id}/circulation`);
    expect(state.sides.find((s) => s.key === 'kw')!.approvals).toEqual([]);
  });
});

describe('the approvals behind approved minutes', () => {
  it('stay when the approver later leaves, after the minutes were reopened and circulated again', async () => {
    const g = await steeringGroup(t.admin);
    const id = g.meeting.id;
    const first = await circulate(g);
    expect((await approve(g.kuwait.client, id, first.id)).status).toBe(201);
    expect((await approve(g.britain.client, id, first.id)).status).toBe(201);
    expect((await g.delegate.client.ok<MeetingDto>('GET', `/api/meetings/${id}`)).status).toBe('approved');
    await g.secretary.client.ok('PATCH', `/api/meetings/${id}`, { status: 'draft' });
    // Reopened: the earlier approvals approve nothing now.
    expect(await g.delegate.client.ok<unknown[]>('GET', `/api/meetings/${id}/approvals`)).toEqual([]);
    expect((await circulate(g)).id).not.toBe(first.id);

    await g.secretary.client.ok('DELETE', `/api/groups/${g.group.id}/members/${g.kuwait.userId}`);
    // The first circulation's approvals are the approved record's: both sides still there.
    expect((await listApprovals(t.server.ctx.db.sql, first.id)).map((a) => a.side).sort()).toEqual(['kw', 'uk']);
  });
});
