import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { encodeHeartbeatMessage } from '../../../shared/collab/protocol.js';
import { CollabConnection } from './collabConnection.js';
import { FakeWebSocket, sentUpdates, serverSyncStep1, serverSyncStep2 } from './fakeWebSocket.testing.js';
import { giveUpAt, silenceLimitMs } from './linkWatch.js';
import { encodeSavedMessage } from './savedProtocol.js';

describe('silence limit', () => {
  it('is two heartbeat intervals, within sane bounds', () => {
    expect(silenceLimitMs(2_000)).toBe(4_000);
    expect(silenceLimitMs(5_000)).toBe(10_000);
    expect(silenceLimitMs(0)).toBe(500);
    expect(silenceLimitMs(10 * 60_000)).toBe(120_000);
    expect(silenceLimitMs(Number.NaN)).toBe(4_000);
    expect(giveUpAt(1_000, 2_000)).toBe(5_000);
  });
});

describe('CollabConnection notices a dead link', () => {
  let connection: CollabConnection;
  let network: EventTarget;
  let serverDoc: Y.Doc;

  beforeEach(() => {
    vi.useFakeTimers();
    FakeWebSocket.instances = [];
    network = new EventTarget();
    serverDoc = new Y.Doc();
    connection = new CollabConnection({
      meetingId: 'm1',
      readOnly: false,
      serverUrl: 'ws://test/collab',
      WebSocketImpl: FakeWebSocket as unknown as typeof WebSocket,
      networkEvents: network,
    });
  });
  afterEach(() => {
    connection.destroy();
    vi.useRealTimers();
  });

  const current = () => FakeWebSocket.instances.at(-1)!;
  const state = () => connection.getSnapshot().state;

  /** Opens the current socket, syncs with the server's doc and confirms what it sent. */
  function connectAndSave(): FakeWebSocket {
    const socket = current();
    socket.open();
    socket.receive(encodeHeartbeatMessage(2_000));
    socket.receive(serverSyncStep1(serverDoc));
    socket.receive(serverSyncStep2(serverDoc));
    for (const update of sentUpdates(socket)) Y.applyUpdate(serverDoc, update);
    socket.receive(encodeSavedMessage(connection.counts.sent));
    expect(state()).toBe('saved');
    return socket;
  }

  it('stays saved while heartbeats arrive, however long nothing else happens', () => {
    const socket = connectAndSave();
    for (let i = 0; i < 30; i++) {
      vi.advanceTimersByTime(2_000);
      socket.receive(encodeHeartbeatMessage(2_000));
    }
    expect(state()).toBe('saved');
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('shows offline after two missed heartbeats, keeps what is typed, and resends it on the next socket', () => {
    const socket = connectAndSave();
    vi.advanceTimersByTime(1_000);
    connection.doc.getText('t').insert(0, 'بند كُتب والشبكة مقطوعة');
    expect(state()).toBe('saving');

    // The network is gone: nothing more arrives. 4 s after the last message, not 30.
    vi.advanceTimersByTime(2_999);
    expect(state()).toBe('saving');
    vi.advanceTimersByTime(1);
    expect(connection.getSnapshot()).toMatchObject({ state: 'offline', unsaved: true });
    expect(socket.readyState).toBe(FakeWebSocket.CLOSED);

    // y-websocket tries again by itself; once the network is back the edit goes with the sync.
    vi.advanceTimersByTime(1_000);
    const next = current();
    expect(next).not.toBe(socket);
    expect(state()).toBe('offline');
    next.open();
    next.receive(serverSyncStep1(serverDoc));
    next.receive(serverSyncStep2(serverDoc));
    for (const update of sentUpdates(next)) Y.applyUpdate(serverDoc, update);
    expect(serverDoc.getText('t').toString()).toBe('بند كُتب والشبكة مقطوعة');
    // "Saved" only from the server's confirmation.
    expect(state()).toBe('saving');
    next.receive(encodeSavedMessage(connection.counts.sent));
    expect(connection.getSnapshot()).toMatchObject({ state: 'saved', unsaved: false });
  });

  it('follows the interval the server announces', () => {
    const socket = connectAndSave();
    socket.receive(encodeHeartbeatMessage(10_000));
    vi.advanceTimersByTime(19_000);
    expect(state()).toBe('saved');
    socket.receive(encodeHeartbeatMessage(500));
    vi.advanceTimersByTime(1_001);
    expect(state()).toBe('offline');
  });

  it('gives up on an attempt that never opens and tries again', () => {
    const first = current();
    vi.advanceTimersByTime(3_999);
    expect(FakeWebSocket.instances).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(first.readyState).toBe(FakeWebSocket.CLOSED);
    vi.advanceTimersByTime(1_000);
    expect(FakeWebSocket.instances).toHaveLength(2);
    expect(state()).toBe('offline');
    connectAndSave();
  });

  it("goes offline at once on the browser's offline event, and reconnects at once when it is back", () => {
    const socket = connectAndSave();
    connection.doc.getText('t').insert(0, 'Typed on the train');
    network.dispatchEvent(new Event('offline'));
    expect(connection.getSnapshot()).toMatchObject({ state: 'offline', unsaved: true });
    expect(socket.readyState).toBe(FakeWebSocket.CLOSED);

    // Attempts made while offline fail; the backoff grows meanwhile.
    for (let i = 0; i < 6; i++) {
      vi.advanceTimersByTime(3_000);
      current().serverClose(1006);
    }
    const attempts = FakeWebSocket.instances.length;
    network.dispatchEvent(new Event('online'));
    // No backoff wait: a new socket right away.
    expect(FakeWebSocket.instances).toHaveLength(attempts + 1);
    const next = connectAndSave();
    expect(serverDoc.getText('t').toString()).toBe('Typed on the train');
    expect(next).toBe(current());
  });

  it('replaces an attempt that hangs since the network went away when the browser is back online', () => {
    connectAndSave();
    network.dispatchEvent(new Event('offline'));
    vi.advanceTimersByTime(2_600);
    const hanging = current();
    expect(hanging.readyState).toBe(FakeWebSocket.CONNECTING);
    network.dispatchEvent(new Event('online'));
    expect(hanging.readyState).toBe(FakeWebSocket.CLOSED);
    expect(current()).not.toBe(hanging);
    connectAndSave();
  });

  it('does not reconnect after the server refused for good', () => {
    const socket = connectAndSave();
    socket.serverClose(4403, 'not a member of this group');
    network.dispatchEvent(new Event('online'));
    vi.advanceTimersByTime(30_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(state()).toBe('error');
  });

  it('does nothing more once destroyed (the page was left)', () => {
    connectAndSave();
    connection.destroy();
    network.dispatchEvent(new Event('online'));
    network.dispatchEvent(new Event('offline'));
    vi.advanceTimersByTime(30_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('leaves an open connection alone when the browser reports online', () => {
    const socket = connectAndSave();
    network.dispatchEvent(new Event('online'));
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(socket.readyState).toBe(FakeWebSocket.OPEN);
    expect(state()).toBe('saved');
  });
});
