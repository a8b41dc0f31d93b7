import { describe, expect, it } from 'vitest';
import type { HomeDto } from '../../../shared/api/home.js';
import { useTestServer } from '../test/testServer.js';
import { appendActionItem, connectYClient, waitFor } from '../test/yClient.js';

const t = useTestServer();

const isoDay = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Writes action items into a meeting's minutes (as an editor would) and waits for the tracker. */
async function writeItems(meetingId: string, items: { task: string; owner: string; due?: string; status?: string }[]) {
  const writer = connectYClient(t.url, meetingId, { cookie: t.admin.cookie });
  await waitFor(() => writer.provider.synced, 10_000, 'sync');
  for (const item of items) appendActionItem(writer.doc, item.task, item);
  await writer.whenSaved();
  writer.destroy();
  const deadline = Date.now() + 15_000;
  while ((await t.admin.ok<unknown[]>('GET', `/api/action-items?meetingId=${meetingId}`)).length !== items.length) {
    if (Date.now() > deadline) throw new Error('the action items were not projected');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('GET /api/home', () => {
  it("lists the member's meetings around now and the open items owned by them or their side, and nothing of other groups", async () => {
    const sides = [
      { key: 'kw', nameAr: 'الكويت', nameEn: 'Kuwait' },
      { key: 'uk', nameAr: 'المملكة المتحدة', nameEn: 'United Kingdom' },
    ];
    const group = await t.admin.ok<{ id: string }>('POST', '/api/groups', { nameAr: 'مجموعة الدفاع', nameEn: 'Defence', sides });
    const other = await t.admin.ok<{ id: string }>('POST', '/api/groups', { nameAr: 'مجموعة الصحة', nameEn: 'Health', sides });
    const member = await t.admin.addMember(group.id, 'delegate', 'Noura Al-Sabah');
    await t.admin.ok('PUT', `/api/groups/${group.id}/members/${member.userId}`, { role: 'delegate', side: 'kw' });

    const soon = await t.admin.createMeeting(group.id, { titleEn: 'Next session', startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString() });
    const past = await t.admin.createMeeting(group.id, { titleEn: 'Last session', startsAt: new Date(Date.now() - 7 * 86_400_000).toISOString() });
    const elsewhere = await t.admin.createMeeting(other.id, { titleEn: 'Health session', startsAt: new Date(Date.now() + 86_400_000).toISOString() });

    await writeItems(past.id, [
      { task: 'overdue for Kuwait', owner: 'الكويت', due: isoDay(-3) },
      { task: 'mine by name', owner: ' noura al-sabah ', due: isoDay(5), status: 'in_progress' },
      { task: 'mine by side key', owner: 'KW', due: '' },
      { task: 'the other side', owner: 'United Kingdom', due: isoDay(-3) },
      { task: 'done already', owner: 'Kuwait', due: isoDay(-3), status: 'done' },
      { task: 'someone else', owner: 'Sarah Thompson', due: isoDay(1) },
    ]);
    // Kuwait's item in a group the member is not in must not leak through the side's name.
    await writeItems(elsewhere.id, [{ task: 'Kuwait in another group', owner: 'Kuwait', due: isoDay(-1) }]);

    const home = await member.client.ok<HomeDto>('GET', '/api/home');
    expect(home.upcomingMeetings.map((m) => m.titleEn)).toEqual([soon.titleEn]);
    expect(home.recentMeetings.map((m) => m.titleEn)).toEqual([past.titleEn]);
    expect(home.recentMeetings[0]).toMatchObject({ status: 'draft', groupNameEn: 'Defence', access: 'edit' });
    // Overdue first, then by due date, undated last.
    expect(home.actionItems.map((i) => [i.text, i.overdue])).toEqual([
      ['overdue for Kuwait', true],
      ['mine by name', false],
      ['mine by side key', false],
    ]);
    expect(home.groups.map((g) => g.nameEn)).toEqual(['Defence']);

    // Each meeting and item comes with its group's digits, in which the page writes its dates.
    expect([...home.upcomingMeetings, ...home.recentMeetings, ...home.actionItems].map((x) => x.groupDigits)).toEqual(Array(5).fill('western'));
    await t.admin.ok('PATCH', `/api/groups/${group.id}`, { digits: 'arabic-indic' });
    const after = await member.client.ok<HomeDto>('GET', '/api/home');
    expect([...after.upcomingMeetings, ...after.recentMeetings, ...after.actionItems].map((x) => x.groupDigits)).toEqual(Array(5).fill('arabic-indic'));
  });

  it('shows a member of no group nothing, and the home page needs a session', async () => {
    const group = await t.admin.createGroup('مجموعة', 'Lonely');
    const loner = await t.admin.addMember(group.id, 'observer', 'Loner');
    await t.admin.ok('DELETE', `/api/groups/${group.id}/members/${loner.userId}`);
    await t.admin.createMeeting(group.id, { startsAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(await loner.client.ok<HomeDto>('GET', '/api/home')).toEqual({ upcomingMeetings: [], recentMeetings: [], actionItems: [], groups: [] });
  });
});
