import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { appendUpdate } from '../../../db/queries/minutesUpdates.js';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { MINUTES_FRAGMENT } from '../../../shared/editor/schema.js';
import { initialMinutesUpdate } from '../minutes/initialState.js';
import { validateDocument } from '../minutes/validation/documentCheck.js';
import { baseMinutes, HOSTILE_EDITS, nestLists, VALID_EDITS } from '../test/hostileEdits.js';
import { storedDoc } from '../test/storedMinutes.js';
import { useTestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, waitFor, type YClient } from '../test/yClient.js';

// 1 MiB messages: the 10,000-level document (~200 kB) and a large paste arrive whole.
const t = useTestServer({ maxMessageBytes: 1024 * 1024 });

async function get(path: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`${t.url}${path}`, { headers: { cookie: t.admin.cookie! } });
  return { status: res.status, body: res.status === 200 && res.headers.get('content-type') === 'application/pdf' ? '%PDF' : await res.text() };
}

/** What a user sees of the meeting: REST text and JSON, the PDF, the tracked action item. */
async function readable(id: string, actionItemId: string) {
  const text = await get(`/api/meetings/${id}/minutes?format=text`);
  const json = await get(`/api/meetings/${id}/minutes?format=json`);
  const pdf = await get(`/api/meetings/${id}/minutes.pdf`);
  return { text, json, pdf: pdf.status, item: await trackedItem(id, actionItemId) };
}

async function trackedItem(id: string, actionItemId: string) {
  const items = await t.admin.ok<{ id: string; status: string; due: string }[]>('GET', `/api/action-items?meetingId=${id}`);
  return items.find((i) => i.id === actionItemId);
}

async function openMeeting(): Promise<{ id: string; client: YClient; actionItemId: string }> {
  const group = await t.admin.createGroup();
  const { id } = await t.admin.createMeeting(group.id);
  const client = connectYClient(t.url, id, { cookie: t.admin.cookie, name: 'secretary' });
  await waitFor(() => client.provider.synced, 5000, 'sync');
  // The minutes the hostile edits expect, in place of the template.
  const fragment = client.doc.getXmlFragment(MINUTES_FRAGMENT);
  client.doc.transact(() => fragment.delete(0, fragment.length));
  const actionItemId = crypto.randomUUID();
  Y.applyUpdate(client.doc, initialMinutesUpdate(baseMinutes(actionItemId)));
  await client.whenSaved();
  // The tracker has the item (the projection follows commits within a moment).
  for (let tries = 0; !(await trackedItem(id, actionItemId)); tries++) {
    if (tries > 50) throw new Error('the action item was never projected');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { id, client, actionItemId };
}

/** The close code and reason, or a failure in seconds rather than at the test's timeout. */
function closedWithin(client: YClient, ms = 5000): Promise<{ code: number; reason: string }> {
  return Promise.race([client.closed, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the connection stayed open')), ms))]);
}

describe('an update that would not leave valid minutes', () => {
  it.each(HOSTILE_EDITS)('$name: closes that connection with 4400 and a reason; nothing is stored or relayed', async ({ edit, says }) => {
    const { id: meetingId, client: honest, actionItemId } = await openMeeting();
    const before = await t.admin.minutesText(meetingId);
    const attacker = connectYClient(t.url, meetingId, { cookie: t.admin.cookie, name: 'delegate' });
    await waitFor(() => attacker.provider.synced, 5000, 'attacker sync');
    const typed = `typed before ${Math.random()}`;
    appendParagraph(attacker.doc, typed);
    await attacker.whenSaved();

    edit(attacker.doc);
    const closed = await closedWithin(attacker);
    expect(closed.code).toBe(CloseCode.malformedMessage);
    expect(closed.reason.startsWith('update rejected: ')).toBe(true);
    expect(closed.reason).toContain(says);
    attacker.destroy();

    // The offender's earlier, acknowledged edit is kept; the bad one is nowhere.
    const after = await readable(meetingId, actionItemId);
    expect(after.text).toEqual({ status: 200, body: `${before}\n${typed}` });
    expect(after.json.status).toBe(200);
    expect(after.pdf).toBe(200);
    expect(after.item).toMatchObject({ status: 'open', due: '2027-03-01' });
    expect(validateDocument(honest.doc)).toBeNull();
    const stored = await storedDoc(t.server.ctx.db.sql, meetingId);
    expect(validateDocument(stored)).toBeNull();
    stored.destroy();

    // Everybody else goes on: the honest editor's next line is saved and read back.
    const line = `still editing ${Math.random()}`;
    appendParagraph(honest.doc, line);
    await honest.whenSaved();
    expect(await t.admin.minutesText(meetingId)).toContain(line);
    honest.destroy();
  });
});

describe('an update that leaves valid minutes', () => {
  it.each(VALID_EDITS)('$name: is saved, relayed and readable (no false positive)', async ({ edit }) => {
    const { id, client, actionItemId } = await openMeeting();
    const other = connectYClient(t.url, id, { cookie: t.admin.cookie, name: 'delegate' });
    await waitFor(() => other.provider.synced, 5000, 'sync');
    edit(client.doc);
    await client.whenSaved(20_000);
    expect(client.provider.wsconnected).toBe(true);
    await waitFor(() => other.text() === client.text(), 10_000, 'relayed');
    const read = await readable(id, actionItemId);
    expect(read.text).toEqual({ status: 200, body: client.text() });
    expect(read.json.status).toBe(200);
    expect(read.pdf).toBe(200);
    client.destroy();
    other.destroy();
  });
});

describe('a stored document that is not valid minutes', () => {
  it('is refused on load (1013, 503), never served half-broken', async () => {
    const group = await t.admin.createGroup();
    const { id } = await t.admin.createMeeting(group.id);
    // As a server without this validation would have stored it: 10,000 levels deep.
    const bad = new Y.Doc();
    nestLists(bad, 10_000, true);
    await appendUpdate(t.server.ctx.db.sql, id, Y.encodeStateAsUpdate(bad));

    const client = connectYClient(t.url, id, { cookie: t.admin.cookie });
    const closed = await closedWithin(client);
    client.destroy();
    expect(closed.code).toBe(CloseCode.tryAgainLater);
    const read = await get(`/api/meetings/${id}/minutes?format=text`);
    expect(read.status).toBe(503);
    expect(JSON.parse(read.body).error.message).toMatch(/could not be loaded/);
    expect((await get(`/api/meetings/${id}/minutes.pdf`)).status).toBe(503);
  });
});
