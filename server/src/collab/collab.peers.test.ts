import * as Y from 'yjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import type { ApiClient } from '../test/apiClient.js';
import { writeUpdate } from '../test/fuzz/updateWriter.js';
import { awarenessFrame, awarenessUpdate, openRawPeer, syncStep1Frame, updateFrame } from '../test/rawPeer.js';
import { forgeParagraph } from '../test/forgery.js';
import { useTestServer } from '../test/testServer.js';
import { appendParagraph, connectYClient, waitFor } from '../test/yClient.js';

const t = useTestServer();
let groupId: string;
let victim: { client: ApiClient };
let forger: { client: ApiClient };
let observer: { client: ApiClient };

beforeAll(async () => {
  groupId = (await t.admin.createGroup()).id;
  victim = await t.admin.addMember(groupId, 'delegate', 'Victim');
  forger = await t.admin.addMember(groupId, 'delegate', 'Forger');
  observer = await t.admin.addMember(groupId, 'observer', 'Observer');
});

async function newMeeting(): Promise<string> {
  return (await t.admin.createMeeting(groupId)).id;
}

describe("a member writing under another member's client id", () => {
  it("is refused with 4403, and the victim's later edits at those clocks are saved and stored", async () => {
    const meetingId = await newMeeting();
    const alice = connectYClient(t.url, meetingId, { cookie: victim.client.cookie });
    await waitFor(() => alice.provider.synced, 5000, 'victim sync');
    appendParagraph(alice.doc, 'قالت الضحية: السطر الأول');
    await alice.whenSaved();

    // The forger syncs, then writes structs at the victim's next clocks.
    const mallory = await forgeParagraph(t.url, meetingId, forger.client.cookie, alice.doc.clientID, 'FORGED LINE');
    const closed = await mallory.closed;
    expect(closed.code).toBe(CloseCode.forbidden);
    expect(closed.reason).toMatch(/belongs to someone else/);

    appendParagraph(alice.doc, 'Victim line two, typed after the forgery');
    await alice.whenSaved();
    const stored = await t.admin.minutesText(meetingId);
    expect(stored).toContain('Victim line two, typed after the forgery');
    expect(stored).not.toContain('FORGED LINE');
    alice.destroy();
    mallory.destroy();
  });

  it("is refused even before the victim has typed: announcing an id in awareness reserves it", async () => {
    const meetingId = await newMeeting();
    const alice = connectYClient(t.url, meetingId, { cookie: victim.client.cookie, name: 'Victim' });
    await waitFor(() => alice.provider.synced, 5000, 'victim sync');
    const mallory = await forgeParagraph(t.url, meetingId, forger.client.cookie, alice.doc.clientID, 'FORGED FIRST', (m) =>
      m.provider.awareness.getStates().has(alice.doc.clientID),
    );
    expect((await mallory.closed).code).toBe(CloseCode.forbidden);
    appendParagraph(alice.doc, 'the victim types afterwards');
    await alice.whenSaved();
    expect(await t.admin.minutesText(meetingId)).toContain('the victim types afterwards');
    alice.destroy();
    mallory.destroy();
  });
});

describe('edits kept in a browser from many visits without a connection, each under its own client id', () => {
  /** A browser's local copy of the minutes with `visits` offline visits' edits, never sent. */
  async function keptCopy(meetingId: string, visits: number): Promise<Y.Doc> {
    const first = connectYClient(t.url, meetingId, { cookie: victim.client.cookie });
    await waitFor(() => first.provider.synced, 5000, 'sync');
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(first.doc));
    first.destroy();
    for (let visit = 0; visit < visits; visit++) {
      local.clientID = 7_000_000 + visit;
      appendParagraph(local, `offline visit ${visit}`);
    }
    return local;
  }

  it('are taken up to MAX_NEW_CLIENT_IDS (64) in one sync; beyond it 4429, which the browser keeps them for, and nothing of them is stored', async () => {
    const accepted = await newMeeting();
    const within = connectYClient(t.url, accepted, { cookie: victim.client.cookie, doc: await keptCopy(accepted, 64) });
    await within.whenSaved();
    expect((await t.admin.minutesText(accepted)).match(/offline visit \d+/g)).toHaveLength(64);
    within.destroy();

    const refused = await newMeeting();
    const over = connectYClient(t.url, refused, { cookie: victim.client.cookie, doc: await keptCopy(refused, 65) });
    const closed = await over.closed;
    expect(closed).toEqual({ code: CloseCode.tooManyClientIds, reason: 'writes under 65 new client ids (MAX_NEW_CLIENT_IDS is 64)' });
    expect(await t.admin.minutesText(refused)).not.toContain('offline visit');
    over.destroy();
  });
});

describe('clocks and client ids no editor produces', () => {
  it('are refused with 4400 before they make the live minutes differ from what is stored', async () => {
    const meetingId = await newMeeting();
    for (const [update, reason] of [
      // A garbage-collected range up to 2^53: later structs would share ids (2^53 + 1 === 2^53).
      [writeUpdate([{ client: 515, clock: 0, structs: [{ gc: Number.MAX_SAFE_INTEGER }] }]), 'clock out of range'],
      [writeUpdate([{ client: 2 ** 40, clock: 0, structs: [{ gc: 1 }] }]), 'client id out of range'],
    ] as const) {
      const peer = await openRawPeer(t.url, meetingId, victim.client.cookie);
      peer.send(updateFrame(update));
      expect(await peer.closed).toEqual({ code: CloseCode.malformedMessage, reason });
    }
    const editor = connectYClient(t.url, meetingId, { cookie: victim.client.cookie });
    await waitFor(() => editor.provider.synced, 5000, 'sync');
    appendParagraph(editor.doc, 'the minutes go on');
    await editor.whenSaved();
    expect(await t.admin.minutesText(meetingId)).toBe(editor.text());
    editor.destroy();
  });
});

describe('sync requests', () => {
  it('a flood of sync step 1 requests closes that connection with 1013; others go on', async () => {
    const meetingId = await newMeeting();
    const editor = connectYClient(t.url, meetingId, { cookie: victim.client.cookie });
    await waitFor(() => editor.provider.synced, 5000, 'sync');
    const flood = await openRawPeer(t.url, meetingId, observer.client.cookie);
    const request = syncStep1Frame(Y.encodeStateVector(new Y.Doc()));
    for (let i = 0; i < 50; i++) flood.send(request);
    const closed = await flood.closed;
    expect(closed).toEqual({ code: CloseCode.tryAgainLater, reason: 'too many sync requests' });
    // At most the burst was answered.
    expect(flood.received.filter((m) => m[0] === 0 && m[1] === 1).length).toBeLessThanOrEqual(3);
    appendParagraph(editor.doc, 'still saving');
    await editor.whenSaved();
    editor.destroy();
  });
});

describe('awareness from an observer', () => {
  it('a deeply nested state closes that connection with 4400 and is never stored or relayed', async () => {
    const meetingId = await newMeeting();
    const peer = await openRawPeer(t.url, meetingId, observer.client.cookie);
    const deep = '['.repeat(3000) + ']'.repeat(3000);
    peer.send(awarenessFrame(awarenessUpdate(4242, 1, deep)));
    const closed = await peer.closed;
    expect(closed.code).toBe(CloseCode.malformedMessage);
    expect(closed.reason).toMatch(/awareness state/);

    // The next person to open the meeting syncs, and sees no such presence.
    const next = connectYClient(t.url, meetingId, { cookie: victim.client.cookie });
    await waitFor(() => next.provider.synced, 5000, 'next sync');
    expect(next.provider.awareness.getStates().has(4242)).toBe(false);
    expect((await t.admin.request('GET', '/api/healthz')).status).toBe(200);
    next.destroy();
  });

  it("an observer's valid presence is relayed (observers are read-only, not invisible)", async () => {
    const meetingId = await newMeeting();
    const watcher = connectYClient(t.url, meetingId, { cookie: observer.client.cookie, name: 'المراقب' });
    const editor = connectYClient(t.url, meetingId, { cookie: victim.client.cookie });
    await waitFor(
      () => [...editor.provider.awareness.getStates().values()].some((s) => s.user?.name === 'المراقب'),
      5000,
      'observer presence',
    );
    watcher.destroy();
    editor.destroy();
  });
});
