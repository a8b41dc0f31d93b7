import { describe, expect, it } from 'vitest';
import { replaceMeetingItems } from '../../../db/queries/actionItems.js';
import type { ActionItemDto } from '../../../shared/api/actionItems.js';
import { useTestServer } from '../test/testServer.js';
import { appendActionItem, connectYClient, waitFor } from '../test/yClient.js';

const t = useTestServer();

async function trackerItems(meetingId: string): Promise<ActionItemDto[]> {
  return t.admin.ok('GET', `/api/action-items?meetingId=${meetingId}`);
}

describe('action items with text Postgres cannot store', () => {
  it('an item with NUL characters and lone surrogates reaches the tracker cleaned, and so do the items added after it', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const editor = connectYClient(t.url, meeting.id, { cookie: t.admin.cookie });
    await waitFor(() => editor.provider.synced, 5000, 'sync');

    const hostile = appendActionItem(editor.doc, 'Prepare\u0000 the plan \uD800', { owner: 'Kuw\u0000ait' });
    await editor.whenSaved();
    // Typed a while later, after the projection of the first item has run.
    await new Promise((r) => setTimeout(r, 500));
    const later = appendActionItem(editor.doc, 'Share the schedule', { owner: 'UK' });
    await editor.whenSaved();

    // The projection's promise: within 2 seconds of the commit.
    let list: ActionItemDto[] = [];
    for (const started = Date.now(); Date.now() - started < 2000 && list.length < 2; ) {
      list = await trackerItems(meeting.id);
      if (list.length < 2) await new Promise((r) => setTimeout(r, 50));
    }
    expect(list.map((i) => [i.id, i.text, i.owner])).toEqual([
      [hostile.id, 'Prepare the plan \uFFFD', 'Kuwait'],
      [later.id, 'Share the schedule', 'UK'],
    ]);
    // The owner filter finds the cleaned owner.
    expect((await t.admin.ok<ActionItemDto[]>('GET', `/api/action-items?meetingId=${meeting.id}&owner=Kuwait`)).map((i) => i.id)).toEqual([hostile.id]);
    editor.destroy();
  });

  it('one item the database refuses does not keep the others of the meeting out of the table', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const item = (position: number, text: string) => ({
      id: crypto.randomUUID(),
      position,
      text,
      owner: '',
      ownerUserId: null,
      due: '',
      status: 'open' as const,
    });
    const items = [item(0, 'before'), item(1, 'refused \u0000 by Postgres'), item(2, 'after')];
    const result = await t.server.ctx.db.sql.begin((tx) => replaceMeetingItems(tx, meeting.id, group.id, items));
    expect(result.failed.map((f) => f.id)).toEqual([items[1]!.id]);
    expect(result.changed).toBe(true);
    expect((await trackerItems(meeting.id)).map((i) => i.text)).toEqual(['before', 'after']);
  });
});
