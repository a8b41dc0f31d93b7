import { io as ioClient } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../test/testServer.js';
import { connectYClient, waitFor } from '../test/yClient.js';

const t = useTestServer();

describe('a new meeting', () => {
  it('starts from the template once, even when two delegates open it at the same moment', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const a = connectYClient(t.url, meeting.id, { cookie: t.admin.cookie });
    const b = connectYClient(t.url, meeting.id, { cookie: t.admin.cookie });
    await waitFor(() => a.provider.synced && b.provider.synced, 5000, 'sync');
    for (const text of [a.text(), b.text(), await t.admin.minutesText(meeting.id)]) {
      expect(text.match(/الحضور/g)).toHaveLength(1);
      expect(text).toContain('متابعة بنود العمل السابقة');
      expect(text).toContain('القرارات');
    }
    a.destroy();
    b.destroy();
  });

  it('has its template in the meeting language', async () => {
    const group = await t.admin.createGroup();
    const english = await t.admin.createMeeting(group.id, { language: 'en' });
    const both = await t.admin.createMeeting(group.id, { language: 'both' });
    const en = await t.admin.minutesText(english.id);
    expect(en.split('\n').filter(Boolean)).toEqual([
      'Attendance',
      'Agenda',
      'Follow-up of earlier action items',
      'No open items from earlier sessions.',
      'Discussion',
      'Decisions',
      'Action items',
    ]);
    // Bilingual: each title is its own line in its own language, never "Arabic — English" in one.
    const lines = (await t.admin.minutesText(both.id)).split('\n').filter(Boolean);
    expect(lines).toEqual([
      'الحضور',
      'Attendance',
      'جدول الأعمال',
      'Agenda',
      'متابعة بنود العمل السابقة',
      'Follow-up of earlier action items',
      'لا توجد بنود مفتوحة من الجلسات السابقة.',
      'No open items from earlier sessions.',
      'المناقشات',
      'Discussion',
      'القرارات',
      'Decisions',
      'بنود العمل',
      'Action items',
    ]);
  });
});

describe('meeting details', () => {
  it('are validated, and a change reaches everyone watching the meeting live', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const delegate = (await t.admin.addMember(group.id, 'delegate', 'delegate')).client;
    const socket = ioClient(t.url, { transports: ['websocket'], extraHeaders: { cookie: delegate.cookie! }, reconnection: false });
    expect(await socket.emitWithAck('meeting:watch', meeting.id)).toEqual({ ok: true });
    const updated = new Promise<{ place: string; delegations: unknown[] }>((resolve) => socket.on('meeting:updated', resolve));

    const delegations = [
      { name: 'الكويت', attendees: [{ name: 'الشيخ أحمد', title: 'وكيل وزارة الدفاع', role: 'رئيس الوفد' }] },
      { name: 'United Kingdom', attendees: [{ name: 'Jane Smith', title: 'Director, MoD', role: 'Head of delegation' }] },
    ];
    const res = await t.admin.request('PATCH', `/api/meetings/${meeting.id}`, { place: 'London', isVirtual: false, sessionNumber: 16, delegations });
    expect(res.status).toBe(200);
    expect(await updated).toMatchObject({ place: 'London', delegations });
    expect((await delegate.request('GET', `/api/meetings/${meeting.id}`)).body).toMatchObject({ sessionNumber: 16, delegations, access: 'edit' });
    expect((await delegate.request('PATCH', `/api/meetings/${meeting.id}`, { place: 'Kuwait' })).status).toBe(403);
    expect((await t.admin.request('PATCH', `/api/meetings/${meeting.id}`, { timeZone: 'Mars/Olympus' })).status).toBe(400);
    socket.close();
  });
});

describe('GET /api/meetings', () => {
  it("lists the meetings of the caller's groups only, with the caller's access", async () => {
    const mine = await t.admin.createGroup('مجموعة الصحة', 'Health');
    const other = await t.admin.createGroup('مجموعة التعليم', 'Education');
    const m1 = await t.admin.createMeeting(mine.id);
    const m2 = await t.admin.createMeeting(other.id);
    const observer = (await t.admin.addMember(mine.id, 'observer', 'observer')).client;
    const list = await observer.ok<{ id: string; access: string }[]>('GET', '/api/meetings');
    expect(list.map((m) => [m.id, m.access])).toEqual([[m1.id, 'read']]);
    const all = await t.admin.ok<{ id: string; access: string }[]>('GET', '/api/meetings');
    expect(all.map((m) => m.id)).toEqual(expect.arrayContaining([m1.id, m2.id]));
    expect(new Set(all.map((m) => m.access))).toEqual(new Set(['manage']));
  });
});
