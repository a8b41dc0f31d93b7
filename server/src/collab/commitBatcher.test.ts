import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ClientIdTakenError, CLUSTER_CHANNEL, NOTICE_CONTENT_BYTES, setMinutesLocked } from '../../../db/queries/minutesUpdates.js';
import { loadUpdates } from '../../../db/queries/minutesLog.js';
import { eventually } from '../test/eventually.js';
import { itNeedsPostgres } from '../test/needsPostgres.js';
import { refuseCommitsOf } from '../test/refuseCommits.js';
import { useTestServer } from '../test/testServer.js';
import { appendParagraph, waitFor } from '../test/yClient.js';
import { CommitBatcher } from './commitBatcher.js';

const t = useTestServer();

/** A one-paragraph update on top of nothing: a keystroke's worth of a document. */
function paragraphUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  appendParagraph(doc, text);
  return Y.encodeStateAsUpdate(doc);
}

describe('commits of several documents in one statement', () => {
  it("refuses a delegate's writes once the minutes are circulated, and takes the secretariat's", async () => {
    const group = await t.admin.createGroup();
    const [draft, circulated] = await Promise.all([1, 2].map(() => t.admin.createMeeting(group.id)));
    await t.admin.ok('PATCH', `/api/meetings/${circulated!.id}`, { status: 'circulated' });
    const batcher = new CommitBatcher(t.server.ctx.db.sql);
    const results = await Promise.allSettled([
      batcher.commit({ meetingId: draft!.id, update: paragraphUpdate('مندوب في المسودة'), owners: [], draftOnly: true }),
      batcher.commit({ meetingId: circulated!.id, update: paragraphUpdate('مندوب بعد التعميم'), owners: [], draftOnly: true }),
    ]);
    expect(results[0]!.status).toBe('fulfilled');
    expect(results[1]).toMatchObject({ status: 'rejected', reason: { message: 'The minutes were circulated: only the secretariat can change them now.' } });
    await expect(batcher.commit({ meetingId: circulated!.id, update: paragraphUpdate('الأمانة بعد التعميم'), owners: [] })).resolves.toBeGreaterThan(0);
    // The meeting's document is live on the server (circulating it loaded it), and this commit was
    // made beside it, as by another process: the document has it once the commit's notice has
    // arrived, which under a loaded CI machine was after the first read.
    const text = await eventually(() => t.admin.minutesText(circulated!.id), (text) => text.includes('الأمانة بعد التعميم'), 5000);
    expect(text).toContain('الأمانة بعد التعميم');
    expect(text).not.toContain('مندوب بعد التعميم');
  });

  it("fails only the commit the database refuses, not the other documents' commits of the same statement", async () => {
    const group = await t.admin.createGroup();
    const meetings = await Promise.all([1, 2, 3].map(() => t.admin.createMeeting(group.id)));
    const sql = t.server.ctx.db.sql;
    const refused = meetings[1]!.id;
    // A real refusal by the database, for one meeting's rows only.
    const accept = await refuseCommitsOf(sql, refused);
    try {
      const batcher = new CommitBatcher(sql);
      const results = await Promise.allSettled(
        meetings.map((m, i) => batcher.commit({ meetingId: m.id, update: paragraphUpdate(`محضر ${i}`), owners: [] })),
      );
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(results[1]).toMatchObject({ reason: { message: 'refused for the test' } });
      expect(await t.admin.minutesText(meetings[0]!.id)).toContain('محضر 0');
      expect(await t.admin.minutesText(meetings[2]!.id)).toContain('محضر 2');
      expect(await t.admin.minutesText(refused)).not.toContain('محضر 1');
    } finally {
      await accept();
    }
  });

  it('commits each meeting its own row, refuses only the locked one, and gathers what is due together', async () => {
    const group = await t.admin.createGroup();
    const meetings = await Promise.all([1, 2, 3, 4, 5].map(() => t.admin.createMeeting(group.id)));
    const sql = t.server.ctx.db.sql;
    const locked = meetings[4]!.id;
    await setMinutesLocked(sql, locked, true, 'test');
    const batcher = new CommitBatcher(sql);

    // Five documents and two commits of the first one, all due at once.
    const results = await Promise.allSettled([
      ...meetings.map((m, i) => batcher.commit({ meetingId: m.id, update: paragraphUpdate(`محضر ${i}`), owners: [] })),
      batcher.commit({ meetingId: meetings[0]!.id, update: paragraphUpdate('ثانٍ'), owners: [] }),
    ]);
    expect(results.slice(0, 4).every((r) => r.status === 'fulfilled')).toBe(true);
    expect(results[4]).toMatchObject({ status: 'rejected', reason: { name: 'Error', message: 'The minutes are approved and locked.' } });
    expect(results[5]!.status).toBe('fulfilled');

    for (const [i, meeting] of meetings.slice(0, 4).entries()) {
      const rows = await loadUpdates(sql, meeting.id);
      const doc = new Y.Doc();
      for (const row of rows) Y.applyUpdate(doc, row.update);
      expect(doc.getXmlFragment('default').toString()).toContain(`محضر ${i}`);
      // The row id the commit returned is the meeting's newest row.
      const id = (results[i] as PromiseFulfilledResult<number>).value;
      expect(String(rows.at(-1)!.id)).toBe(String(i === 0 ? (results[5] as PromiseFulfilledResult<number>).value : id));
    }
    // The second commit of the first meeting went in a later batch: a later row.
    expect((results[5] as PromiseFulfilledResult<number>).value).toBeGreaterThan((results[0] as PromiseFulfilledResult<number>).value);
    // Nothing was written to the locked minutes.
    const lockedRows = await loadUpdates(sql, locked);
    expect(lockedRows).toHaveLength(1);
  });

  it('fails a commit the database refuses, and the next batch goes on', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const batcher = new CommitBatcher(t.server.ctx.db.sql);
    const missing = '00000000-0000-4000-8000-000000000000';
    const [ok, gone] = await Promise.allSettled([
      batcher.commit({ meetingId: meeting.id, update: paragraphUpdate('قائم'), owners: [] }),
      batcher.commit({ meetingId: missing, update: paragraphUpdate('لا اجتماع'), owners: [] }),
    ]);
    expect(ok.status).toBe('fulfilled');
    expect(gone).toMatchObject({ status: 'rejected', reason: { message: `meeting ${missing} does not exist` } });
    // A malformed owner (not a uuid) fails its statement.
    const bad = await Promise.allSettled([
      batcher.commit({ meetingId: meeting.id, update: paragraphUpdate('أ'), owners: [{ clientId: 1, userId: 'not-a-uuid' }] }),
    ]);
    expect(bad[0]!.status).toBe('rejected');
    await expect(batcher.commit({ meetingId: meeting.id, update: paragraphUpdate('ب'), owners: [] })).resolves.toBeGreaterThan(0);
  });
});

describe("another user's client id", () => {
  it('is refused in a commit even when the process that takes the claim does not know it is taken; the owner on record stays', async () => {
    const group = await t.admin.createGroup();
    const victim = await t.admin.addMember(group.id, 'delegate', 'Victim');
    const forger = await t.admin.addMember(group.id, 'delegate', 'Forger');
    const meeting = await t.admin.createMeeting(group.id);
    const sql = t.server.ctx.db.sql;
    const batcher = new CommitBatcher(sql);
    const clientId = 777_001;
    // Another process recorded the id for the victim, together with the victim's first row.
    await batcher.commit({ meetingId: meeting.id, update: paragraphUpdate('الأصل'), owners: [{ clientId, userId: victim.userId }] });
    const before = (await loadUpdates(sql, meeting.id)).length;

    await expect(batcher.commit({ meetingId: meeting.id, update: paragraphUpdate('مزوّر'), owners: [{ clientId, userId: forger.userId }] })).rejects.toThrow(ClientIdTakenError);
    expect((await loadUpdates(sql, meeting.id)).length).toBe(before);
    const owners = await sql<{ userId: string }[]>`select user_id from minutes_client_ids where meeting_id = ${meeting.id} and client_id = ${clientId}`;
    expect(owners.map((o) => o.userId)).toEqual([victim.userId]);

    // The same owner claiming again (a second process learning of the id) commits.
    await expect(batcher.commit({ meetingId: meeting.id, update: paragraphUpdate('تتمة'), owners: [{ clientId, userId: victim.userId }] })).resolves.toBeGreaterThan(0);
    expect((await loadUpdates(sql, meeting.id)).length).toBe(before + 1);
  });

  it('refuses only its own commit in a batch where other documents type or claim ids of their own, and locked minutes record no claim', async () => {
    const group = await t.admin.createGroup();
    const owner = await t.admin.addMember(group.id, 'delegate', 'Owner');
    const other = await t.admin.addMember(group.id, 'delegate', 'Other');
    const [claiming, typing, forging, locked] = await Promise.all([1, 2, 3, 4].map(() => t.admin.createMeeting(group.id)));
    const sql = t.server.ctx.db.sql;
    const batcher = new CommitBatcher(sql);
    await batcher.commit({ meetingId: forging!.id, update: paragraphUpdate('الأصل'), owners: [{ clientId: 880_001, userId: owner.userId }] });
    await setMinutesLocked(sql, locked!.id, true, 'test');

    const [claimed, typed, forged, refused] = await Promise.allSettled([
      batcher.commit({ meetingId: claiming!.id, update: paragraphUpdate('أول تعديل'), owners: [{ clientId: 880_002, userId: owner.userId }] }),
      batcher.commit({ meetingId: typing!.id, update: paragraphUpdate('كتابة'), owners: [] }),
      batcher.commit({ meetingId: forging!.id, update: paragraphUpdate('مزوّر'), owners: [{ clientId: 880_001, userId: other.userId }] }),
      batcher.commit({ meetingId: locked!.id, update: paragraphUpdate('بعد الاعتماد'), owners: [{ clientId: 880_003, userId: owner.userId }] }),
    ]);
    expect([claimed.status, typed.status]).toEqual(['fulfilled', 'fulfilled']);
    expect(forged).toMatchObject({ status: 'rejected', reason: expect.any(ClientIdTakenError) });
    expect(refused).toMatchObject({ status: 'rejected', reason: { message: 'The minutes are approved and locked.' } });
    const texts = async (meetingId: string) => {
      const doc = new Y.Doc();
      for (const row of await loadUpdates(sql, meetingId)) Y.applyUpdate(doc, row.update);
      return doc.getXmlFragment('default').toString();
    };
    expect(await texts(claiming!.id)).toContain('أول تعديل');
    expect(await texts(typing!.id)).toContain('كتابة');
    expect(await texts(forging!.id)).not.toContain('مزوّر');
    expect(await texts(locked!.id)).not.toContain('بعد الاعتماد');
    const claims = await sql<{ meetingId: string; clientId: string; userId: string }[]>`
      select meeting_id, client_id, user_id from minutes_client_ids
      where meeting_id = any(${[claiming!.id, typing!.id, forging!.id, locked!.id]}::uuid[]) order by client_id`;
    expect(claims.map((c) => [c.meetingId, String(c.clientId), c.userId])).toEqual([
      [forging!.id, '880001', owner.userId],
      [claiming!.id, '880002', owner.userId],
    ]);
  });
});

describe('notices of commits', () => {
  itNeedsPostgres('notices, which need LISTEN on a Postgres server');

  it('are sent to the other server processes, in the commit, with the row when it fits, only when there can be any (not on the embedded database)', async () => {
    // LISTEN needs a Postgres server: CI's (DATABASE_URL); the embedded database has one process.
    if (t.server.ctx.db.kind !== 'external') return;
    const meeting = await t.admin.createMeeting((await t.admin.createGroup()).id);
    const heard: { p: number; u?: string | null }[] = [];
    const listener = await t.server.ctx.db.sql.listen(CLUSTER_CHANNEL, (payload) => {
      const notice = JSON.parse(payload) as { t: string; m: string; p: number; u?: string | null };
      if (notice.t === 'minutes' && notice.m === meeting.id) heard.push({ p: notice.p, u: notice.u });
    });
    try {
      const keystroke = paragraphUpdate('يُعلن');
      const announced = await new CommitBatcher(t.server.ctx.db.sql, true).commit({ meetingId: meeting.id, update: keystroke, owners: [] });
      const silent = await new CommitBatcher(t.server.ctx.db.sql, false).commit({ meetingId: meeting.id, update: paragraphUpdate('لا يُعلن'), owners: [] });
      // A pasted page is too large to ride along (Postgres takes 8000 bytes per notice): its id alone.
      const paste = paragraphUpdate(Array.from({ length: NOTICE_CONTENT_BYTES }, (_, i) => String.fromCharCode(0x621 + (i % 26))).join(''));
      const pasted = await new CommitBatcher(t.server.ctx.db.sql, true).commit({ meetingId: meeting.id, update: paste, owners: [] });
      await waitFor(() => heard.length > 1, 5000, 'two notices');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(heard.map((n) => n.p)).toEqual([announced, pasted]);
      expect(silent).toBeGreaterThan(announced);
      // The keystroke's row comes with its notice, byte for byte: the others need not read it.
      expect(Buffer.from(heard[0]!.u!, 'base64').equals(Buffer.from(keystroke))).toBe(true);
      expect(heard[1]!.u ?? null).toBeNull();
    } finally {
      await listener.unlisten();
    }
  });
});
