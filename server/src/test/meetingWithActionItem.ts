import type { TestServer } from './testServer.js';
import { appendActionItem, connectYClient, waitFor } from './yClient.js';

/**
 * A new group's meeting whose secretary has written one action item, saved: the start of every
 * test of what becomes of an item's status. The secretary's editor is still open.
 */
export async function meetingWithActionItem(t: TestServer) {
  const group = await t.admin.createGroup();
  const meeting = await t.admin.createMeeting(group.id);
  const secretary = (await t.admin.addMember(group.id, 'secretary', 'secretary')).client;
  const editor = connectYClient(t.url, meeting.id, { cookie: secretary.cookie });
  await waitFor(() => editor.provider.synced, 5000, 'sync');
  const item = appendActionItem(editor.doc, 'Report on the exercise', { owner: 'UK' });
  await editor.whenSaved();
  return { group, meeting, secretary, editor, item };
}
