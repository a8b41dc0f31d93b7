import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { useTestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, waitFor, type YClient } from '../test/yClient.js';

const MAX = 64 * 1024;
const t = useTestServer({ maxMessageBytes: MAX });
let meetingId: string;
let good: YClient;

function syncFrame(subType: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, subType);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

function realUpdate(): Uint8Array {
  const doc = new Y.Doc();
  appendParagraph(doc, 'هذا نص لن يصل أبدا إلى المحضر لأنه مقطوع');
  return Y.encodeStateAsUpdate(doc);
}

/** Deterministic noise (xorshift), so a failure can be replayed. */
function noise(length: number, seed = 0x9e3779b9): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  out[0] = 0xde; // a varint that runs into an unknown message type
  return out;
}

const BAD_FRAMES: { name: string; frame: () => Uint8Array | string; code: number }[] = [
  { name: 'random bytes', frame: () => noise(200), code: CloseCode.malformedMessage },
  { name: 'a truncated varint', frame: () => new Uint8Array([0x80]), code: CloseCode.malformedMessage },
  { name: 'a truncated sync message', frame: () => new Uint8Array([0, 1, 0x7f, 1, 2]), code: CloseCode.malformedMessage },
  { name: 'a garbage Yjs update', frame: () => syncFrame(2, new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3, 4])), code: CloseCode.malformedMessage },
  { name: 'a truncated Yjs update', frame: () => { const u = realUpdate(); return syncFrame(1, u.subarray(0, u.length - 7)); }, code: CloseCode.malformedMessage },
  { name: 'an unknown sync type', frame: () => syncFrame(9, new Uint8Array([0])), code: CloseCode.malformedMessage },
  { name: 'an unknown message type', frame: () => new Uint8Array([42, 0]), code: CloseCode.malformedMessage },
  { name: 'trailing bytes after a valid message', frame: () => new Uint8Array([...syncFrame(0, Y.encodeStateVector(new Y.Doc())), 7, 7]), code: CloseCode.malformedMessage },
  { name: 'a text frame', frame: () => 'hello', code: CloseCode.malformedMessage },
  { name: 'an oversized message', frame: () => { const f = syncFrame(2, realUpdate()); const big = new Uint8Array(MAX + 1); big.set(f); return big; }, code: CloseCode.messageTooLarge },
];

beforeAll(async () => {
  const group = await t.admin.createGroup();
  meetingId = (await t.admin.createMeeting(group.id)).id;
  good = connectYClient(t.url, meetingId, { cookie: t.admin.cookie });
  await waitFor(() => good.provider.synced, 5000, 'sync');
});
afterAll(async () => {
  good?.destroy();
});

function openRaw(): Promise<{ ws: WebSocket; closed: Promise<{ code: number; reason: string }> }> {
  const ws = new WebSocket(`${t.url.replace('http', 'ws')}/collab/${meetingId}`, { headers: { cookie: t.admin.cookie! } });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  // The server speaks first (sync step 1) once the document is loaded.
  return new Promise((resolve, reject) => {
    ws.once('message', () => resolve({ ws, closed }));
    ws.once('error', reject);
  });
}

describe('malformed and oversized frames', () => {
  it.each(BAD_FRAMES)('$name closes only that connection, with its code and a reason', async ({ frame, code }) => {
    const before = await t.admin.minutesText(meetingId);
    const bad = await openRaw();
    bad.ws.send(frame());
    const closed = await bad.closed;
    expect(closed.code).toBe(code);
    expect(closed.reason.length).toBeGreaterThan(0);

    // The document is unchanged by the bad frame, and the other delegate goes on editing.
    expect(await t.admin.minutesText(meetingId)).toBe(before);
    expect(good.provider.wsconnected).toBe(true);
    const line = `still editing after ${closed.code} ${Math.random()}`;
    appendParagraph(good.doc, line);
    await good.whenSaved();
    expect(await t.admin.minutesText(meetingId)).toBe(good.text());
    expect(good.text()).toContain(line);
  });

  it('refuses a path that is not a meeting id with 4404 and a reason (even badly percent-encoded, empty or longer)', async () => {
    for (const path of ['/%E0%A4%A', '/x%ZZ', '/..%2F..%2Fetc', `/${meetingId}/extra`, `/${meetingId}/`, '/', '']) {
      const ws = new WebSocket(`${t.url.replace('http', 'ws')}/collab${path}`, { headers: { cookie: t.admin.cookie! } });
      const [code, reason] = await new Promise<[number, string]>((resolve) => ws.on('close', (c, r) => resolve([c, r.toString()])));
      expect(code, path).toBe(CloseCode.unknownMeeting);
      expect(reason, path).not.toBe('');
    }
  });

  it('leaves the server up: health is fine and new connections sync', async () => {
    expect((await t.admin.request('GET', '/api/healthz')).body).toEqual({ ok: true });
    const fresh = connectYClient(t.url, meetingId, { cookie: t.admin.cookie });
    await waitFor(() => fresh.provider.synced, 5000, 'sync');
    expect(fresh.text()).toBe(good.text());
    expect(fresh.text()).not.toContain('مقطوع');
    fresh.destroy();
  });
});
