import { describe, expect, it } from 'vitest';
import { countUpdates } from '../../../db/queries/minutesUpdates.js';
import type { Logger } from '../logger.js';
import { storedText } from '../test/storedMinutes.js';
import { useTestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, waitFor } from '../test/yClient.js';
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

async function waitForRows(meetingId: string, rows: number): Promise<void> {
  const sql = t.server.ctx.db.sql;
  const start = Date.now();
  while ((await countUpdates(sql, meetingId)) !== rows) {
    if (Date.now() - start > 10_000) throw new Error(`meeting ${meetingId} still has more than ${rows} rows`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
