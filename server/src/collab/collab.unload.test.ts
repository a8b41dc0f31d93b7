import { describe, expect, it } from 'vitest';
import { useTestServer } from '../test/testServer.js';
import { appendActionItem, appendParagraph, connectYClient, waitFor } from '../test/yClient.js';

const t = useTestServer({ idleUnloadMs: 50 });

describe('meetings opened, edited and closed one after another', () => {
  it('leave nothing behind in memory once their documents unload', async () => {
    const { registry, projection } = t.server.ctx;
    const groupId = (await t.admin.createGroup()).id;
    const meetings: string[] = [];
    for (let i = 0; i < 12; i++) {
      const meetingId = (await t.admin.createMeeting(groupId)).id;
      meetings.push(meetingId);
      const client = connectYClient(t.url, meetingId, { cookie: t.admin.cookie });
      await waitFor(() => client.provider.synced, 10_000, 'sync');
      appendParagraph(client.doc, `محضر ${i}`);
      appendActionItem(client.doc, `Send the draft ${i}`);
      await client.whenSaved();
      // The commit scheduled the projection: it now holds state for this meeting.
      await waitFor(() => projection.meetingsHeld > 0, 10_000, 'projection');
      client.destroy();
    }
    await waitFor(() => meetings.every((id) => registry.current(id) === undefined), 20_000, 'documents unloaded');
    await waitFor(() => projection.meetingsHeld === 0, 20_000, 'projection state released');
    expect((await registry.loaded()).length).toBe(0);
    expect(projection.meetingsHeld).toBe(0);
    // What was saved is still there: unloading only forgot what memory held.
    expect(await t.admin.minutesText(meetings[11]!)).toContain('محضر 11');
  });
});
