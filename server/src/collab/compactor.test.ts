import { describe, expect, it } from 'vitest';
import { countUpdates } from '../../../db/queries/minutesLog.js';
import type { Logger } from '../logger.js';
import { storedDoc, storedText } from '../test/storedMinutes.js';
import { useTestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, dependentUpdates, waitFor } from '../test/yClient.js';
import { startCompactor } from './compactor.js';

const t = useTestServer();

/** A meeting whose log has a row per keystroke of `text`; resolves with the minutes' text. */
async function typedMeeting(groupId: string, text: string): Promise<{ id: string; expected: string }> {
  const meeting = await t.admin.createMeeting(groupId);
  const client = connectYClient(t.url, meeting.id, { cookie: t.admin.cookie });
  await waitFor(() => client.provider.synced, 5000, 'sync');
  const line = appendParagraph(client.doc, '');
  for (const letter of text) {
    line.insert(line.length, letter);
    await client.whenSaved();
  }
  const expected = client.text();
  client.destroy();
  return { id: meeting.id, expected };
}

describe('the compactor', () => {
  it('compacts every long log although one cannot be compacted, and tries that one again only after a while', async () => {
    const group = await t.admin.createGroup();
    const sql = t.server.ctx.db.sql;
    const healthy = [await typedMeeting(group.id, 'البند الأول'), await typedMeeting(group.id, 'Item two')];
    const damaged = await typedMeeting(group.id, 'تالف');
    await sql`insert into minutes_updates (meeting_id, update) values (${damaged.id}, ${Buffer.from([0xff, 0xff, 0xff])})`;
    const damagedRows = await countUpdates(sql, damaged.id);

    const failures: unknown[] = [];
    const log: Logger = { info: () => {}, warn: () => {}, error: (event, fields) => void (event === 'collab.compaction_failed' && failures.push(fields)) };
    const stop = startCompactor({ store: t.server.ctx.store, threshold: 5, intervalMs: 40, log });
    try {
      for (const meeting of healthy) await waitForRows(meeting.id, 1);
      // Eight passes or so: the damaged log was tried on the first and after 80 ms, 160 ms, …
      await new Promise((resolve) => setTimeout(resolve, 400));
    } finally {
      await stop();
    }
    for (const meeting of healthy) expect(await storedText(sql, meeting.id)).toBe(meeting.expected);
    expect(await countUpdates(sql, damaged.id)).toBe(damagedRows);
    expect(failures.length).toBeGreaterThanOrEqual(1);
    expect(failures.length).toBeLessThanOrEqual(3);
    expect(failures[0]).toMatchObject({ meetingId: damaged.id, failures: 1, retryInMs: 80 });
  });
});

describe('compaction of a document that is open', () => {
  it('takes the state in memory instead of replaying the log, while its editor types, and loses no keystroke', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const sql = t.server.ctx.db.sql;
    const client = connectYClient(t.url, meeting.id, { cookie: t.admin.cookie });
    await waitFor(() => client.provider.synced, 5000, 'sync');
    const line = appendParagraph(client.doc, '');
    const compacted: Record<string, unknown>[] = [];
    const log: Logger = { info: (event, fields) => void (event === 'collab.compacted' && compacted.push(fields ?? {})), warn: () => {}, error: () => {} };
    const { registry } = t.server.ctx;
    const stop = startCompactor({ store: t.server.ctx.store, live: (id) => registry.current(id), threshold: 5, intervalMs: 25, log });
    const text = 'محضر الاجتماع السابع لفريق العمل المعني بالصحة، Health working group. ';
    try {
      // Two keystrokes at a time, some not yet saved when a compaction takes its state.
      for (let i = 0; i < text.length; i += 2) {
        line.insert(line.length, text.slice(i, i + 1));
        await new Promise((resolve) => setTimeout(resolve, 1));
        line.insert(line.length, text.slice(i + 1, i + 2));
        await client.whenSaved();
      }
    } finally {
      await stop();
    }
    client.destroy();
    expect(compacted.filter((fields) => fields.fromMemory === true && fields.meetingId === meeting.id).length).toBeGreaterThan(1);
    expect(await countUpdates(sql, meeting.id)).toBeLessThan(text.length / 2);
    expect(await storedText(sql, meeting.id)).toBe(client.text());
    expect(client.text()).toContain(text);
  });
  it('replays the log instead when the log holds content the document could not place, and keeps that content', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const sql = t.server.ctx.db.sql;
    // A row whose predecessor never reached the log (written before such content was held back).
    const writer = await storedDoc(sql, meeting.id);
    const { first, second } = dependentUpdates(writer, 'Agreed', ' in full');
    await sql`insert into minutes_updates (meeting_id, update) values (${meeting.id}, ${Buffer.from(second)})`;

    // Loaded now: without the row it cannot place.
    const reader = connectYClient(t.url, meeting.id, { cookie: t.admin.cookie });
    await waitFor(() => reader.provider.synced, 5000, 'sync');
    const shown = reader.text();
    expect(shown).not.toContain('Agreed');
    const compacted: Record<string, unknown>[] = [];
    const log: Logger = { info: (event, fields) => void (event === 'collab.compacted' && compacted.push(fields ?? {})), warn: () => {}, error: () => {} };
    const { registry } = t.server.ctx;
    const stop = startCompactor({ store: t.server.ctx.store, live: (id) => registry.current(id), threshold: 1, intervalMs: 25, log });
    try {
      await waitForRows(meeting.id, 1);
    } finally {
      await stop();
    }
    reader.destroy();
    expect(compacted.find((fields) => fields.meetingId === meeting.id)).toMatchObject({ fromMemory: false, before: 2, after: 1 });
    // The missing row arrives: the content the log held is all there.
    await sql`insert into minutes_updates (meeting_id, update) values (${meeting.id}, ${Buffer.from(first)})`;
    expect(await storedText(sql, meeting.id)).toBe(`${shown}\nAgreed in full`);
    writer.destroy();
  });
});

async function waitForRows(meetingId: string, rows: number): Promise<void> {
  const sql = t.server.ctx.db.sql;
  const start = Date.now();
  while ((await countUpdates(sql, meetingId)) !== rows) {
    if (Date.now() - start > 10_000) throw new Error(`meeting ${meetingId} still has more than ${rows} rows`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
