import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { MessageType } from '../../../shared/collab/protocol.js';
import { MINUTES_FRAGMENT } from '../../../shared/editor/schema.js';
import { storedText } from '../test/storedMinutes.js';
import { useTestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, dependentUpdates, waitFor } from '../test/yClient.js';

const t = useTestServer();

function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MessageType.sync);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** A raw connection that records the server's `saved` counts. */
async function openRaw(meetingId: string) {
  const ws = new WebSocket(`${t.url.replace('http', 'ws')}/collab/${meetingId}`, { headers: { cookie: t.admin.cookie! } });
  const saved: number[] = [];
  ws.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(decoder) === MessageType.saved) saved.push(decoding.readVarUint(decoder));
  });
  await new Promise((resolve, reject) => {
    ws.once('message', resolve);
    ws.once('error', reject);
  });
  return { ws, saved };
}

describe('an update that depends on content the server has not seen', () => {
  it('is not reported saved, nor stored, nor shown to others until what it depends on arrives', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    // Offline: a paragraph (A), then typing inside it (B). B arrives first, as after a reconnect.
    const offline = new Y.Doc();
    const { first: a, second: b } = dependentUpdates(offline, 'Offline paragraph', ' and what followed');

    const watcher = connectYClient(t.url, meeting.id, { cookie: t.admin.cookie });
    await waitFor(() => watcher.provider.synced, 5000, 'watcher sync');
    const raw = await openRaw(meeting.id);
    raw.ws.send(updateFrame(b));
    await new Promise((r) => setTimeout(r, 300));
    expect(raw.saved.filter((n) => n > 0)).toEqual([]);
    const sql = t.server.ctx.db.sql;
    expect(await storedText(sql, meeting.id)).not.toContain('what followed');
    expect(watcher.text()).not.toContain('what followed');

    raw.ws.send(updateFrame(a));
    await waitFor(() => raw.saved.includes(2), 5000, 'both messages saved');
    expect(await storedText(sql, meeting.id)).toContain('Offline paragraph and what followed');
    await waitFor(() => watcher.text().includes('Offline paragraph and what followed'), 5000, 'relayed');
    raw.ws.close();
    watcher.destroy();
  });

  it('is gone with its connection if the rest never comes: never stored, never served', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const offline = new Y.Doc();
    const text = appendParagraph(offline, 'Never sent');
    const afterA = Y.encodeStateVector(offline);
    text.insert(0, 'orphan ');
    const b = Y.encodeStateAsUpdate(offline, afterA);

    const raw = await openRaw(meeting.id);
    raw.ws.send(updateFrame(b));
    await new Promise((r) => setTimeout(r, 200));
    raw.ws.close();
    // A newcomer's full sync must not carry the orphan either.
    const reader = connectYClient(t.url, meeting.id, { cookie: t.admin.cookie });
    await waitFor(() => reader.provider.synced, 5000, 'reader sync');
    const full = Y.encodeStateAsUpdate(reader.doc);
    const probe = new Y.Doc();
    Y.applyUpdate(probe, full);
    expect(probe.store.pendingStructs).toBeNull();
    expect(reader.doc.getXmlFragment(MINUTES_FRAGMENT).toString()).not.toContain('orphan');
    expect(raw.saved.filter((n) => n > 0)).toEqual([]);
    reader.destroy();
  });
});
