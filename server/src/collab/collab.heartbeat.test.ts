import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { MessageType } from '../../../shared/collab/protocol.js';
import { useTestServer } from '../test/testServer.js';
import { connectYClient, waitFor } from '../test/yClient.js';

const INTERVAL_MS = 150;
const t = useTestServer({ heartbeatIntervalMs: INTERVAL_MS });

/** A bare websocket to a meeting's minutes that records when each heartbeat arrived. */
function rawClient(meetingId: string, cookie: string, options: { autoPong?: boolean } = {}) {
  const ws = new WebSocket(`${t.url.replace(/^http/, 'ws')}/collab/${meetingId}`, {
    headers: { cookie, origin: t.url },
    autoPong: options.autoPong ?? true,
  });
  const heartbeats: { at: number; intervalMs: number }[] = [];
  const types: number[] = [];
  ws.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const type = decoding.readVarUint(decoder);
    types.push(type);
    if (type === MessageType.heartbeat) heartbeats.push({ at: Date.now(), intervalMs: decoding.readVarUint(decoder) });
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, heartbeats, types, closed, opened };
}

/** Announces a user on the minutes (a caret with a name), as the editor does. */
function awarenessFrame(name: string): Uint8Array {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalStateField('user', { name, color: '#1d6fa5' });
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]));
  awareness.destroy();
  return encoding.toUint8Array(encoder);
}

function namesSeenBy(client: ReturnType<typeof connectYClient>): string[] {
  return [...client.provider.awareness.getStates().values()].map((state) => (state.user as { name?: string } | undefined)?.name ?? '');
}

describe('collab heartbeat', () => {
  it('sends every connection a heartbeat with its interval, from the start and then every interval', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const client = rawClient(meeting.id, t.admin.cookie!);
    await client.opened;
    const opened = Date.now();
    await waitFor(() => client.heartbeats.length >= 8, 5000, 'eight heartbeats');

    // The first one comes at once (before the interval has passed), so the client knows it.
    expect(client.heartbeats[0]!.at - opened).toBeLessThan(INTERVAL_MS);
    expect(client.heartbeats.every((h) => h.intervalMs === INTERVAL_MS)).toBe(true);
    const gaps = client.heartbeats.slice(1).map((h, i) => h.at - client.heartbeats[i]!.at);
    // Never two missed in a row: the client would call that offline.
    expect(Math.max(...gaps)).toBeLessThan(2 * INTERVAL_MS);
    // The document protocol is unchanged around them: sync step 1 still arrives.
    expect(client.types).toContain(MessageType.sync);
    // A peer that answers pings is kept, however long it stays quiet.
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
    client.ws.close();
  });

  it('drops a peer that no longer answers, and its caret disappears for the others', async () => {
    const group = await t.admin.createGroup();
    const meeting = await t.admin.createMeeting(group.id);
    const watcher = connectYClient(t.url, meeting.id, { cookie: t.admin.cookie, name: 'Watcher' });
    await waitFor(() => watcher.provider.synced, 5000, 'sync');

    // A laptop whose Wi-Fi died: it said who it is, and then nothing comes back, not even pongs.
    const gone = rawClient(meeting.id, t.admin.cookie!, { autoPong: false });
    await gone.opened;
    gone.ws.send(awarenessFrame('Jane Smith'));
    await waitFor(() => namesSeenBy(watcher).includes('Jane Smith'), 5000, 'the caret of Jane Smith');
    const silentFrom = Date.now();

    await waitFor(() => !namesSeenBy(watcher).includes('Jane Smith'), 5000, 'the caret of Jane Smith to go');
    const after = Date.now() - silentFrom;
    expect(after).toBeGreaterThanOrEqual(3 * INTERVAL_MS - 20);
    expect(after).toBeLessThan(5 * INTERVAL_MS + 500);
    // Cut without a closing handshake (the peer cannot answer one).
    expect(await gone.closed).toBe(1006);
    // The others are not affected.
    expect(watcher.provider.wsconnected).toBe(true);
    expect(namesSeenBy(watcher)).toContain('Watcher');
    watcher.destroy();
  });
});
