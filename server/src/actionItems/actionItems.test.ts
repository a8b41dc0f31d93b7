import { io as ioClient } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionItemDto } from '../../../shared/api/actionItems.js';
import { extractActionItems } from '../../../shared/editor/actionItems.js';
import { minutesJSON } from '../minutes/readMinutes.js';
import { storedDoc } from '../test/storedMinutes.js';
import { useTestServer } from '../test/testServer.js';
import type { ApiClient } from '../test/apiClient.js';
import { appendActionItem, appendParagraph, connectYClient, waitFor, type YClient } from '../test/yClient.js';

const t = useTestServer();
let groupId: string;
let meetingId: string;
let delegate: ApiClient;
let editor: YClient;

beforeAll(async () => {
  groupId = (await t.admin.createGroup()).id;
  meetingId = (await t.admin.createMeeting(groupId)).id;
  delegate = (await t.admin.addMember(groupId, 'delegate', 'delegate')).client;
  editor = connectYClient(t.url, meetingId, { cookie: delegate.cookie });
  await waitFor(() => editor.provider.synced, 5000, 'sync');
}, 60_000);
afterAll(async () => {
  editor?.destroy();
});

async function items(client: ApiClient, query = `meetingId=${meetingId}`): Promise<ActionItemDto[]> {
  return client.ok('GET', `/api/action-items?${query}`);
}

/** Polls the API until `check` holds; the contract is "within 2 seconds". */
async function within2s(client: ApiClient, check: (list: ActionItemDto[]) => boolean, query?: string): Promise<ActionItemDto[]> {
  const start = Date.now();
  let list: ActionItemDto[] = [];
  while (Date.now() - start < 2000) {
    list = await items(client, query);
    if (check(list)) return list;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`not reflected within 2 s: ${JSON.stringify(list)}`);
}

describe('action item projection', () => {
  it('reflects inserts, edits of text, owner, due and status, and deletions within 2 s', async () => {
    const a = appendActionItem(editor.doc, 'إعداد خطة التمرين المشترك', { owner: 'الكويت', due: '2027-03-01' });
    const b = appendActionItem(editor.doc, 'Share the training schedule', { owner: 'UK MoD' });
    let list = await within2s(delegate, (l) => l.length === 2);
    expect(list.map((i) => [i.id, i.text, i.owner, i.due, i.status])).toEqual([
      [a.id, 'إعداد خطة التمرين المشترك', 'الكويت', '2027-03-01', 'open'],
      [b.id, 'Share the training schedule', 'UK MoD', '', 'open'],
    ]);
    expect(list[0]).toMatchObject({ meetingId, groupId });

    a.text.insert(a.text.length, ' "مقاتل الصحراء"');
    b.element.setAttribute('owner', 'المملكة المتحدة');
    b.element.setAttribute('due', '2020-01-01');
    a.element.setAttribute('status', 'in_progress');
    list = await within2s(delegate, (l) => l.some((i) => i.text.endsWith('"مقاتل الصحراء"')) && l.some((i) => i.owner === 'المملكة المتحدة'));
    const byId = new Map(list.map((i) => [i.id, i]));
    expect(byId.get(a.id)).toMatchObject({ status: 'in_progress', overdue: false });
    expect(byId.get(b.id)).toMatchObject({ due: '2020-01-01', overdue: true });
    expect((await items(delegate, `meetingId=${meetingId}&overdue=true`)).map((i) => i.id)).toEqual([b.id]);
    expect((await items(delegate, `meetingId=${meetingId}&owner=${encodeURIComponent('المملكة')}`)).map((i) => i.id)).toEqual([b.id]);

    editor.doc.transact(() => {
      const fragment = editor.doc.getXmlFragment('default');
      fragment.delete(fragment.length - 1, 1);
    });
    list = await within2s(delegate, (l) => l.length === 1);
    expect(list[0]!.id).toBe(a.id);
  });

  it('links an owner to a member’s account, and never to someone outside the group', async () => {
    const member = await t.admin.addMember(groupId, 'delegate', 'Sarah Jones');
    const otherGroup = await t.admin.createGroup('مجموعة أخرى', 'Other');
    const stranger = await t.admin.addMember(otherGroup.id, 'delegate', 'Stranger');
    const mine = appendActionItem(editor.doc, 'Send the schedule', { owner: 'Sarah Jones', ownerUserId: member.userId });
    const spoofed = appendActionItem(editor.doc, 'Not theirs', { owner: 'Stranger', ownerUserId: stranger.userId });
    const list = await within2s(delegate, (l) => l.some((i) => i.id === mine.id) && l.some((i) => i.id === spoofed.id));
    expect(list.find((i) => i.id === mine.id)).toMatchObject({ owner: 'Sarah Jones', ownerUserId: member.userId });
    expect(list.find((i) => i.id === spoofed.id)).toMatchObject({ owner: 'Stranger', ownerUserId: null });
    // Unlinking (the owner typed over as free text) clears the account.
    mine.element.setAttribute('ownerUserId', null as unknown as string);
    mine.element.setAttribute('owner', 'الكويت');
    await within2s(delegate, (l) => l.some((i) => i.id === mine.id && i.owner === 'الكويت' && i.ownerUserId === null));
    editor.doc.transact(() => {
      const fragment = editor.doc.getXmlFragment('default');
      fragment.delete(fragment.length - 2, 2);
    });
    await within2s(delegate, (l) => !l.some((i) => i.id === mine.id || i.id === spoofed.id));
  });

  it('is not postponed by someone typing continuously elsewhere in the minutes', async () => {
    const line = appendParagraph(editor.doc, 'كتابة متواصلة:');
    let typing = true;
    const typist = (async () => {
      while (typing) {
        line.insert(line.length, ' ك');
        await new Promise((r) => setTimeout(r, 40));
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    const item = appendActionItem(editor.doc, 'Item added while typing', { owner: 'UK' });
    try {
      await within2s(delegate, (l) => l.some((i) => i.id === item.id));
    } finally {
      typing = false;
      await typist;
    }
  });

  it('a status set through PATCH shows in a connected client and in the stored minutes', async () => {
    const item = appendActionItem(editor.doc, 'Finalise the procurement list', { owner: 'UK' });
    await within2s(delegate, (l) => l.some((i) => i.id === item.id));
    const socket = ioClient(t.url, { transports: ['websocket'], extraHeaders: { cookie: delegate.cookie! }, reconnection: false });
    const notified = new Promise((resolve) => socket.on('actionItems:changed', resolve));

    const patched = await delegate.request<ActionItemDto>('PATCH', `/api/action-items/${item.id}`, { status: 'done' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: item.id, status: 'done', text: 'Finalise the procurement list', groupDigits: 'western' });
    await waitFor(() => item.element.getAttribute('status') === 'done', 1000, 'status in the open minutes');
    const stored = await storedDoc(t.server.ctx.db.sql, meetingId);
    expect(extractActionItems(minutesJSON(stored)).find((i) => i.id === item.id)?.status).toBe('done');
    expect(await notified).toEqual({ meetingId, groupId });
    socket.close();
  });

  it('a text edit and a concurrent status change from the tracker both survive', async () => {
    const item = appendActionItem(editor.doc, 'Plan the exercise', { owner: 'الكويت' });
    await within2s(delegate, (l) => l.some((i) => i.id === item.id));
    editor.provider.disconnect();
    // The delegate types while offline; meanwhile the tracker changes the status.
    item.text.insert(item.text.length, ' in Kuwait');
    expect((await delegate.request('PATCH', `/api/action-items/${item.id}`, { status: 'in_progress' })).status).toBe(200);
    editor.provider.connect();
    await editor.whenSaved();
    await waitFor(() => item.element.getAttribute('status') === 'in_progress', 2000, 'status merged');
    const list = await within2s(delegate, (l) => l.some((i) => i.id === item.id && i.text === 'Plan the exercise in Kuwait'));
    expect(list.find((i) => i.id === item.id)!.status).toBe('in_progress');
  });

  it('observers cannot change a status, and non-members see none of the group’s items', async () => {
    const [first] = await items(delegate);
    const observer = (await t.admin.addMember(groupId, 'observer', 'observer')).client;
    expect((await items(observer)).length).toBeGreaterThan(0);
    expect((await observer.request('PATCH', `/api/action-items/${first!.id}`, { status: 'cancelled' })).status).toBe(403);

    const otherGroup = await t.admin.createGroup('مجموعة الصحة', 'Health');
    const outsider = (await t.admin.addMember(otherGroup.id, 'secretary', 'outsider')).client;
    expect(await outsider.ok('GET', '/api/action-items')).toEqual([]);
    expect(await outsider.ok('GET', `/api/action-items?groupId=${groupId}`)).toEqual([]);
    expect((await outsider.request('PATCH', `/api/action-items/${first!.id}`, { status: 'done' })).status).toBe(403);
  });

  it('exports CSV with a BOM', async () => {
    const res = await fetch(`${t.url}/api/action-items.csv?meetingId=${meetingId}`, { headers: { cookie: delegate.cookie! } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?action-items-\d{4}-\d{2}-\d{2}\.csv"?$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Array.from(bytes.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain('مقاتل الصحراء');
  });
});

describe('items without an id of their own', () => {
  it("a copy of another meeting's item, and a copy nobody renumbered, are tracked under fresh ids, the original left alone", async () => {
    const last = await t.admin.createMeeting(groupId, { titleAr: 'الاجتماع الرابع عشر', titleEn: 'Fourteenth' });
    const next = await t.admin.createMeeting(groupId, { titleAr: 'الاجتماع الخامس عشر', titleEn: 'Fifteenth' });
    const before = connectYClient(t.url, last.id, { cookie: t.admin.cookie });
    const after = connectYClient(t.url, next.id, { cookie: t.admin.cookie });
    await waitFor(() => before.provider.synced && after.provider.synced, 5000, 'sync');
    const original = appendActionItem(before.doc, 'تحديث مذكرة التفاهم الصحية', { owner: 'الكويت', due: '2027-02-01' });
    await within2s(t.admin, (l) => l.length === 1, `meetingId=${last.id}`);

    // Pasted into the next session's minutes with its attributes (the editor keeps data-id across
    // documents), and an item twice under one id, as a client that does not renumber sends it.
    const pasted = appendActionItem(after.doc, 'تحديث مذكرة التفاهم الصحية', { id: original.id, owner: 'الكويت', due: '2027-02-01', status: 'in_progress' });
    const twin = crypto.randomUUID();
    appendActionItem(after.doc, 'Share the vaccine supply plan', { id: twin, owner: 'UK' });
    const copy = appendActionItem(after.doc, 'Share the vaccine supply plan (copy)', { id: twin, owner: 'UK' });
    await after.whenSaved();

    const start = Date.now();
    let list: ActionItemDto[] = [];
    while (Date.now() - start < 5000 && list.length < 3) {
      list = await items(t.admin, `meetingId=${next.id}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(list.map((i) => [i.text, i.status])).toEqual([
      ['تحديث مذكرة التفاهم الصحية', 'in_progress'],
      ['Share the vaccine supply plan', 'open'],
      ['Share the vaccine supply plan (copy)', 'open'],
    ]);
    const ids = list.map((i) => i.id);
    expect(new Set([...ids, original.id]).size).toBe(4);
    expect(ids[1]).toBe(twin); // the first of two copies keeps its id
    // The editors see the new ids (a server change through the pipeline), and so does the record.
    await waitFor(() => pasted.element.getAttribute('id') === ids[0] && copy.element.getAttribute('id') === ids[2], 5000, 'new ids in the editor');
    expect(extractActionItems(minutesJSON(await storedDoc(t.server.ctx.db.sql, next.id))).map((i) => i.id)).toEqual(ids);
    // The original is still its own meeting's, unchanged.
    expect((await items(t.admin, `meetingId=${last.id}`)).map((i) => [i.id, i.status])).toEqual([[original.id, 'open']]);
    expect(original.element.getAttribute('id')).toBe(original.id);
    const audit = await t.admin.ok<{ actorId: string | null; details: { items: { from: string; to: string }[] } }[]>('GET', `/api/audit?action=action_item.new_id&target=${next.id}`);
    // One entry per projection run that found some (the three may have been committed apart).
    expect(audit.every((e) => e.actorId === null)).toBe(true);
    expect(audit.flatMap((e) => e.details.items.map((r) => r.from)).sort()).toEqual([original.id, twin].sort());
    before.destroy();
    after.destroy();
  });
});

describe('overdue', () => {
  it("counts from midnight in the meeting's time zone, for every viewer", async () => {
    const dayIn = (timeZone: string, offsetDays = 0) =>
      new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(Date.now() + offsetDays * 86_400_000));
    const group = await t.admin.createGroup();
    // UTC+14 and UTC−11: their "today" differs by a day for most of the day.
    const east = await t.admin.createMeeting(group.id, { timeZone: 'Pacific/Kiritimati' });
    const west = await t.admin.createMeeting(group.id, { timeZone: 'Pacific/Pago_Pago' });
    const c1 = connectYClient(t.url, east.id, { cookie: t.admin.cookie });
    const c2 = connectYClient(t.url, west.id, { cookie: t.admin.cookie });
    await waitFor(() => c1.provider.synced && c2.provider.synced, 5000, 'sync');
    const yesterdayEast = appendActionItem(c1.doc, 'east, due yesterday there', { due: dayIn('Pacific/Kiritimati', -1) });
    const todayEast = appendActionItem(c1.doc, 'east, due today there', { due: dayIn('Pacific/Kiritimati') });
    const todayWest = appendActionItem(c2.doc, 'west, due today there', { due: dayIn('Pacific/Pago_Pago') });
    await c1.whenSaved();
    await c2.whenSaved();
    const list = await within2s(t.admin, (l) => l.length === 3, `groupId=${group.id}`);
    const overdue = new Map(list.map((i) => [i.id, i.overdue]));
    expect(overdue.get(yesterdayEast.id)).toBe(true);
    expect(overdue.get(todayEast.id)).toBe(false);
    expect(overdue.get(todayWest.id)).toBe(false);
    expect((await items(t.admin, `groupId=${group.id}&overdue=true`)).map((i) => i.id)).toEqual([yesterdayEast.id]);
    c1.destroy();
    c2.destroy();
  });
});

describe('carry-over into a new meeting', () => {
  it("lists the group's open items of earlier meetings, not done or cancelled ones, nor other groups'", async () => {
    const group = await t.admin.createGroup('مجموعة التجارة والاستثمار', 'Trade and investment');
    const first = await t.admin.createMeeting(group.id, { titleAr: 'الاجتماع الخامس عشر', titleEn: 'Fifteenth' });
    const other = await t.admin.createGroup('مجموعة التعليم', 'Education');
    const otherMeeting = await t.admin.createMeeting(other.id);
    const c1 = connectYClient(t.url, first.id, { cookie: t.admin.cookie });
    const c2 = connectYClient(t.url, otherMeeting.id, { cookie: t.admin.cookie });
    await waitFor(() => c1.provider.synced && c2.provider.synced, 5000, 'sync');
    appendActionItem(c1.doc, 'متابعة اتفاقية الاستثمار', { owner: 'الكويت', due: '2027-01-31' });
    appendActionItem(c1.doc, 'Organise the trade mission', { owner: 'UK', status: 'in_progress' });
    appendActionItem(c1.doc, 'بند منجز', { status: 'done' });
    appendActionItem(c1.doc, 'Cancelled item', { status: 'cancelled' });
    appendActionItem(c2.doc, 'Item of another group');
    await c1.whenSaved();
    await c2.whenSaved();
    await within2s(t.admin, (l) => l.length === 4, `meetingId=${first.id}`);
    await within2s(t.admin, (l) => l.length === 1, `meetingId=${otherMeeting.id}`);

    const second = await t.admin.createMeeting(group.id, { titleAr: 'الاجتماع السادس عشر', titleEn: 'Sixteenth' });
    const text = await t.admin.minutesText(second.id);
    const followUp = text.slice(text.indexOf('متابعة بنود العمل السابقة'), text.indexOf('المناقشات'));
    expect(followUp).toContain('متابعة اتفاقية الاستثمار — المسؤول: الكويت — تاريخ الاستحقاق: 31 يناير 2027 — مفتوح — من: الاجتماع الخامس عشر');
    expect(followUp).toContain('Organise the trade mission — المسؤول: UK — قيد التنفيذ — من: الاجتماع الخامس عشر');
    expect(followUp).not.toContain('بند منجز');
    expect(followUp).not.toContain('Cancelled item');
    expect(followUp).not.toContain('another group');
    c1.destroy();
    c2.destroy();
  });
});
