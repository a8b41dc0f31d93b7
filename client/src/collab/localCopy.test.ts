import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, isPermanentCloseCode } from '../../../shared/collab/closeCodes.js';
import { CollabConnection } from './collabConnection.js';
import { FakeWebSocket, sentUpdates, serverSyncStep1, serverSyncStep2 } from './fakeWebSocket.testing.js';
import {
  clearLocalCopies,
  isLocalCopyOf,
  LocalCopyIndex,
  localCopyName,
  localCopyNames,
  memoryStorage,
  signOutDecision,
  type KeyValueStorage,
} from './localCopies.js';
import { memoryLiveConnections, type LiveConnections } from './liveConnections.js';
import { encodeSavedMessage } from './savedProtocol.js';

// Real timers: fake-indexeddb schedules its work with setImmediate.

const OFFLINE_TEXT = 'نص كُتب دون اتصال ثم أُغلقت الصفحة';

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((d) => d.name ?? '').sort();
}

/** Resolves once every write queued so far on `name` is committed (a transaction after them). */
function flushWrites(name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const count = db.transaction('updates', 'readonly').objectStore('updates').count();
      count.onsuccess = () => {
        db.close();
        resolve(count.result);
      };
      count.onerror = () => reject(count.error);
    };
  });
}

describe('local copy naming and index', () => {
  it('names a copy per user and meeting, and tells copies of one user apart from another', () => {
    expect(localCopyName('u1', 'm1')).toBe('mahdar:u1:m1');
    expect(isLocalCopyOf('u1', 'mahdar:u1:m1')).toBe(true);
    expect(isLocalCopyOf('u1', 'mahdar:u10:m1')).toBe(false);
    expect(isLocalCopyOf('u1', 'mahdar:u1:')).toBe(false);
    expect(isLocalCopyOf('u1', 'other')).toBe(false);
  });

  it('keeps pending connections per meeting and decides whether sign-out must ask', () => {
    const storage = memoryStorage();
    const index = new LocalCopyIndex('u1', storage);
    expect(signOutDecision(index)).toBe('leave');
    index.add('m1');
    index.add('m2');
    expect(index.meetings()).toEqual(['m1', 'm2']);
    expect(signOutDecision(index)).toBe('leave');

    index.markPending('m1', 'tab-a');
    index.markPending('m1', 'tab-a');
    index.markPending('m1', 'tab-b');
    expect(index.pending('m1')).toEqual(['tab-a', 'tab-b']);
    expect(signOutDecision(index)).toBe('confirm');
    // Another user's index is separate.
    expect(signOutDecision(new LocalCopyIndex('u2', storage))).toBe('leave');

    index.clearPending('m1', ['tab-a']);
    expect(signOutDecision(index)).toBe('confirm');
    index.clearPending('m1', ['tab-b']);
    expect(signOutDecision(index)).toBe('leave');
    index.clearPending('m9', ['tab-a']);
    expect(index.meetings()).toEqual(['m1', 'm2']);

    index.forget('m1');
    expect(index.meetings()).toEqual(['m2']);
    index.forgetAll();
    expect(storage.getItem('mahdar.localCopies.u1')).toBeNull();
  });

  it('survives garbage in storage and storage that throws', () => {
    const storage = memoryStorage();
    storage.setItem('mahdar.localCopies.u1', '{not json');
    expect(new LocalCopyIndex('u1', storage).meetings()).toEqual([]);
    storage.setItem('mahdar.localCopies.u1', JSON.stringify({ m1: ['a', 3], m2: 'x' }));
    expect(new LocalCopyIndex('u1', storage).pending('m1')).toEqual(['a']);
    expect(new LocalCopyIndex('u1', storage).pending('m2')).toEqual([]);

    const broken: KeyValueStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    const index = new LocalCopyIndex('u1', broken);
    expect(() => index.markPending('m1', 'a')).not.toThrow();
    expect(signOutDecision(index)).toBe('leave');
  });
});

describe('CollabConnection with a local copy', () => {
  let connections: CollabConnection[] = [];
  let index: LocalCopyIndex;
  /** The tabs open in this browser (each connection until destroyed). */
  let live: LiveConnections;

  beforeEach(() => {
    live = memoryLiveConnections();
    globalThis.indexedDB = new IDBFactory();
    FakeWebSocket.instances = [];
    connections = [];
    index = new LocalCopyIndex('u1', memoryStorage());
  });
  afterEach(() => {
    for (const c of connections) c.destroy();
  });

  function open(readOnly = false, onRefused?: (code: number) => void) {
    const connection = new CollabConnection({
      meetingId: 'm1',
      readOnly,
      serverUrl: 'ws://test/collab',
      WebSocketImpl: FakeWebSocket as unknown as typeof WebSocket,
      localCopy: { userId: 'u1', index, live },
      onRefused,
    });
    connections.push(connection);
    return connection;
  }

  /** A first visit: the page loads, the websocket never opens, the user types, the tab closes. */
  async function visitOffline(text: string): Promise<void> {
    const connection = open();
    await connection.whenLoaded;
    expect(connection.getSnapshot().state).toBe('offline');
    connection.doc.getText('t').insert(0, text);
    expect(connection.getSnapshot()).toMatchObject({ state: 'offline', unsaved: true });
    expect(connection.keptLocally).toBe(true);
    expect(index.pending('m1')).toEqual([connection.id]);
    await flushWrites(localCopyName('u1', 'm1'));
    connection.destroy();
  }

  it('loads the copy before connecting, sends its unsent edits in the first step 2, and is saved once confirmed', async () => {
    const serverDoc = new Y.Doc();
    serverDoc.getText('t').insert(0, ' / template');
    await visitOffline(OFFLINE_TEXT);
    const socketsBefore = FakeWebSocket.instances.length;
    expect(signOutDecision(index)).toBe('confirm');

    // The next visit: no websocket until the copy is in the doc.
    const connection = open();
    expect(FakeWebSocket.instances).toHaveLength(socketsBefore);
    await connection.whenLoaded;
    expect(FakeWebSocket.instances).toHaveLength(socketsBefore + 1);
    expect(connection.doc.getText('t').toString()).toBe(OFFLINE_TEXT);
    // Kept from the earlier visit and not confirmed: unsaved (the page warns before leaving).
    expect(connection.getSnapshot()).toEqual({ state: 'offline', unsaved: true, refusal: null });

    const socket = FakeWebSocket.instances.at(-1)!;
    socket.open();
    socket.receive(serverSyncStep1(serverDoc));
    expect(connection.counts.sent).toBe(1);
    for (const update of sentUpdates(socket)) Y.applyUpdate(serverDoc, update);
    // Both texts were inserted at 0 concurrently: Yjs orders them by (random) client id.
    const merged = serverDoc.getText('t').toString();
    expect([`${OFFLINE_TEXT} / template`, ` / template${OFFLINE_TEXT}`]).toContain(merged);
    socket.receive(serverSyncStep2(serverDoc));
    expect(connection.doc.getText('t').toString()).toBe(merged);
    expect(connection.getSnapshot()).toMatchObject({ state: 'saving', unsaved: true });
    expect(signOutDecision(index)).toBe('confirm');

    socket.receive(encodeSavedMessage(1));
    expect(connection.getSnapshot()).toEqual({ state: 'saved', unsaved: false, refusal: null });
    expect(index.pending('m1')).toEqual([]);
    expect(signOutDecision(index)).toBe('leave');
    expect(await databaseNames()).toEqual(['mahdar:u1:m1']);
  });

  it("does not take over the name of a tab still open: what it typed after the copy was read stays unconfirmed, and sign-out asks", async () => {
    const first = open();
    await first.whenLoaded; // offline: its websocket never opens
    first.doc.getText('t').insert(0, 'typed in the first tab');
    await flushWrites(localCopyName('u1', 'm1'));

    const second = open();
    await second.whenLoaded;
    // Typed after the second tab read the copy: only the first tab holds it.
    first.doc.getText('t').insert(0, 'and more ');
    const serverDoc = new Y.Doc();
    const socket = FakeWebSocket.instances.at(-1)!;
    socket.open();
    socket.receive(serverSyncStep1(serverDoc));
    for (const update of sentUpdates(socket)) Y.applyUpdate(serverDoc, update);
    socket.receive(serverSyncStep2(serverDoc));
    socket.receive(encodeSavedMessage(1));
    expect(second.getSnapshot()).toMatchObject({ state: 'saved', unsaved: false });
    expect(serverDoc.getText('t').toString()).toBe('typed in the first tab');

    expect(index.pending('m1')).toEqual([first.id]);
    expect(signOutDecision(index)).toBe('confirm');
    // Closed, its name is taken over by the next visit, whose first sync sends what it kept.
    await flushWrites(localCopyName('u1', 'm1'));
    first.destroy();
    const third = open();
    await third.whenLoaded;
    expect(third.getSnapshot()).toMatchObject({ unsaved: true });
  });

  it('keeps a single edit unsaved until the server confirms it', async () => {
    const connection = open();
    await connection.whenLoaded;
    const socket = FakeWebSocket.instances.at(-1)!;
    socket.open();
    socket.receive(serverSyncStep1(new Y.Doc()));
    socket.receive(serverSyncStep2(new Y.Doc()));
    socket.receive(encodeSavedMessage(1));
    expect(connection.getSnapshot()).toMatchObject({ state: 'saved', unsaved: false });

    connection.doc.getText('t').insert(0, 'بند');
    expect(connection.counts.sent).toBe(2);
    expect(connection.getSnapshot()).toMatchObject({ state: 'saving', unsaved: true });
    expect(index.pending('m1')).toEqual([connection.id]);
    socket.receive(encodeSavedMessage(2));
    expect(connection.getSnapshot()).toMatchObject({ state: 'saved', unsaved: false });
    expect(index.pending('m1')).toEqual([]);
  });

  it('a read-only connection neither loads nor writes a copy, and deletes a stale one (minutes approved meanwhile)', async () => {
    await visitOffline('تعديل لم يُرسل قبل الاعتماد');
    expect(await databaseNames()).toEqual(['mahdar:u1:m1']);

    const serverDoc = new Y.Doc();
    serverDoc.getText('t').insert(0, 'approved text');
    const connection = open(true);
    // Connects at once: nothing to load.
    const socket = FakeWebSocket.instances.at(-1)!;
    socket.open();
    socket.receive(serverSyncStep1(serverDoc));
    for (const update of sentUpdates(socket)) Y.applyUpdate(serverDoc, update);
    socket.receive(serverSyncStep2(serverDoc));
    // The stale edit was neither loaded nor sent: what is shown is the server's copy.
    expect(serverDoc.getText('t').toString()).toBe('approved text');
    expect(connection.doc.getText('t').toString()).toBe('approved text');
    expect(connection.getSnapshot()).toEqual({ state: 'saved', unsaved: false, refusal: null });
    expect(connection.keptLocally).toBe(false);
    await vi.waitFor(async () => expect(await databaseNames()).toEqual([]));
    expect(index.meetings()).toEqual([]);
    expect(signOutDecision(index)).toBe('leave');
  });

  it('deletes the copy when the user becomes read-only, and starts one when they may edit again', async () => {
    const connection = open();
    await connection.whenLoaded;
    connection.doc.getText('t').insert(0, 'x');
    await flushWrites(localCopyName('u1', 'm1'));
    expect(connection.hasUnconfirmedEdits).toBe(true);

    connection.setReadOnly(true);
    expect(connection.keptLocally).toBe(false);
    expect(index.meetings()).toEqual([]);
    await vi.waitFor(async () => expect(await databaseNames()).toEqual([]));

    connection.setReadOnly(false);
    await vi.waitFor(() => expect(connection.keptLocally).toBe(true));
    expect(await databaseNames()).toEqual(['mahdar:u1:m1']);
    expect(index.meetings()).toEqual(['m1']);
  });

  it('deletes the copy when the server refuses access for good (4403, 4404), not when the session ended (4401)', async () => {
    const refused = vi.fn();
    const member = open(false, refused);
    await member.whenLoaded;
    member.doc.getText('t').insert(0, 'x');
    const socket = FakeWebSocket.instances.at(-1)!;
    socket.open();
    socket.serverClose(4401, 'not signed in');
    expect(refused).toHaveBeenCalledWith(4401, 'not signed in');
    expect(index.meetings()).toEqual(['m1']);
    expect(await databaseNames()).toEqual(['mahdar:u1:m1']);
    member.destroy();

    const removed = open();
    await removed.whenLoaded;
    FakeWebSocket.instances.at(-1)!.open();
    FakeWebSocket.instances.at(-1)!.serverClose(4403, 'not a member of this group');
    expect(removed.getSnapshot().state).toBe('error');
    expect(index.meetings()).toEqual([]);
    await vi.waitFor(async () => expect(await databaseNames()).toEqual([]));
  });

  it('keeps the copy when the server will not take that many offline visits at once (4429): the edits are the user’s own', async () => {
    const refused = vi.fn();
    const connection = open(false, refused);
    await connection.whenLoaded;
    connection.doc.getText('t').insert(0, 'written during many visits without a connection');
    await flushWrites(localCopyName('u1', 'm1'));
    FakeWebSocket.instances.at(-1)!.open();
    FakeWebSocket.instances.at(-1)!.serverClose(CloseCode.tooManyClientIds, 'writes under 65 new client ids (MAX_NEW_CLIENT_IDS is 64)');
    expect(refused).toHaveBeenCalledWith(CloseCode.tooManyClientIds, 'writes under 65 new client ids (MAX_NEW_CLIENT_IDS is 64)');
    expect(connection.getSnapshot()).toMatchObject({ state: 'error', refusal: { code: CloseCode.tooManyClientIds } });
    // The copy and its mark stay, for when the limit is raised (4429 is permanent: no reconnecting).
    expect(isPermanentCloseCode(CloseCode.tooManyClientIds)).toBe(true);
    expect(connection.keptLocally).toBe(true);
    expect(index.meetings()).toEqual(['m1']);
    expect(await databaseNames()).toEqual(['mahdar:u1:m1']);
  });

  it('connects without the copy when IndexedDB does not answer', async () => {
    const stuck = { open: () => ({}) } as unknown as IDBFactory;
    globalThis.indexedDB = stuck;
    const connection = new CollabConnection({
      meetingId: 'm1',
      readOnly: false,
      serverUrl: 'ws://test/collab',
      WebSocketImpl: FakeWebSocket as unknown as typeof WebSocket,
      localCopy: { userId: 'u1', index, loadTimeoutMs: 20 },
    });
    connections.push(connection);
    expect(FakeWebSocket.instances).toHaveLength(0);
    await connection.whenLoaded;
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(connection.keptLocally).toBe(false);
    connection.doc.getText('t').insert(0, 'x');
    expect(connection.getSnapshot()).toMatchObject({ state: 'offline', unsaved: true });
    // Nothing is kept here, so nothing is marked as kept.
    expect(index.pending('m1')).toEqual([]);
  });
});

describe('clearLocalCopies (sign-out)', () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
    FakeWebSocket.instances = [];
  });

  it("deletes every copy of this user, open or not, listed or not, and no one else's", async () => {
    const index = new LocalCopyIndex('u1', memoryStorage());
    const live = new CollabConnection({
      meetingId: 'm1',
      readOnly: false,
      serverUrl: 'ws://test/collab',
      WebSocketImpl: FakeWebSocket as unknown as typeof WebSocket,
      localCopy: { userId: 'u1', index },
    });
    await live.whenLoaded;
    live.doc.getText('t').insert(0, 'x');
    // A copy the index does not know of (its entry was lost) and another user's copies.
    for (const name of ['mahdar:u1:m2', 'mahdar:u10:m1', 'mahdar:u2:m1']) {
      await new Promise<void>((resolve) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => {
          request.result.close();
          resolve();
        };
      });
    }
    expect(await localCopyNames(index)).toEqual(['mahdar:u1:m1', 'mahdar:u1:m2']);
    expect(signOutDecision(index)).toBe('confirm');

    // The open copy lets go of its database instead of blocking the deletion.
    const deleted = await clearLocalCopies(index);
    expect(deleted).toEqual(['mahdar:u1:m1', 'mahdar:u1:m2']);
    expect(await databaseNames()).toEqual(['mahdar:u10:m1', 'mahdar:u2:m1']);
    expect(live.keptLocally).toBe(false);
    expect(index.meetings()).toEqual([]);
    expect(signOutDecision(index)).toBe('leave');
    // The editor still open meanwhile writes nothing more, and marks nothing.
    live.doc.getText('t').insert(0, 'y');
    expect(index.meetings()).toEqual([]);
    expect(await databaseNames()).toEqual(['mahdar:u10:m1', 'mahdar:u2:m1']);
    live.destroy();
  });
});
