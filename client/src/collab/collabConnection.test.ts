import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { misorder } from '../../../shared/collab/misorder.testing.js';
import { MINUTES_FRAGMENT } from '../../../shared/editor/schema.js';
import { CollabConnection } from './collabConnection.js';
import { FakeWebSocket, sentUpdates, serverSyncStep1, serverSyncStep2 } from './fakeWebSocket.testing.js';
import { encodeSavedMessage, isUpdateBearing } from './savedProtocol.js';
import { UNDO_CHECK_DELAY_MS } from './undoCheck.js';

function connect(readOnly = false, onRefused?: (code: number, reason: string) => void, onReloadNeeded?: () => void) {
  const connection = new CollabConnection({
    meetingId: 'm1',
    readOnly,
    serverUrl: 'ws://test/collab',
    WebSocketImpl: FakeWebSocket as unknown as typeof WebSocket,
    onRefused,
    onReloadNeeded,
  });
  const socket = FakeWebSocket.instances.at(-1)!;
  return { connection, socket };
}

/** Plays the server's side of the handshake: step 1, (client answers step 2), step 2. */
function handshake(socket: FakeWebSocket, serverDoc: Y.Doc): void {
  socket.open();
  socket.receive(serverSyncStep1(serverDoc));
  socket.receive(serverSyncStep2(serverDoc));
}

describe('CollabConnection save status', () => {
  let connections: CollabConnection[] = [];
  beforeEach(() => {
    vi.useFakeTimers();
    FakeWebSocket.instances = [];
    connections = [];
  });
  afterEach(() => {
    for (const c of connections) c.destroy();
    vi.useRealTimers();
  });

  it('goes offline → saving → saved through the handshake, counting the step-2 reply', () => {
    const serverDoc = new Y.Doc();
    const { connection, socket } = connect();
    connections.push(connection);
    expect(socket.url).toBe('ws://test/collab/m1');
    expect(connection.getSnapshot().state).toBe('offline');

    socket.open();
    expect(connection.getSnapshot().state).toBe('saving');
    // Step 1 and awareness are not counted.
    expect(connection.counts.sent).toBe(0);

    socket.receive(serverSyncStep1(serverDoc));
    expect(connection.counts.sent).toBe(1);
    socket.receive(serverSyncStep2(serverDoc));
    expect(connection.getSnapshot().state).toBe('saving');

    socket.receive(encodeSavedMessage(1));
    expect(connection.getSnapshot()).toEqual({ state: 'saved', unsaved: false, refusal: null });
  });

  it('counts each local edit and is saved only when the server confirms all of them', () => {
    const serverDoc = new Y.Doc();
    const { connection, socket } = connect();
    connections.push(connection);
    handshake(socket, serverDoc);
    socket.receive(encodeSavedMessage(1));

    connection.doc.getText('t').insert(0, 'بند أول');
    connection.doc.getText('t').insert(0, 'Item ');
    expect(connection.counts.sent).toBe(3);
    expect(connection.getSnapshot()).toMatchObject({ state: 'saving', unsaved: true });

    socket.receive(encodeSavedMessage(2));
    expect(connection.getSnapshot().state).toBe('saving');
    socket.receive(encodeSavedMessage(3));
    expect(connection.getSnapshot()).toMatchObject({ state: 'saved', unsaved: false });
  });

  it('does not count updates received from the server', () => {
    const serverDoc = new Y.Doc();
    const { connection, socket } = connect();
    connections.push(connection);
    handshake(socket, serverDoc);
    socket.receive(encodeSavedMessage(1));

    const other = new Y.Doc();
    other.getText('t').insert(0, 'from someone else');
    socket.receive(serverSyncStep2(other));
    expect(connection.counts.sent).toBe(1);
    expect(connection.getSnapshot()).toMatchObject({ state: 'saved', unsaved: false });
    expect(connection.doc.getText('t').toString()).toBe('from someone else');
  });

  it('keeps offline edits and resends them in the step-2 reply on the next socket, counting from zero', () => {
    const serverDoc = new Y.Doc();
    const { connection, socket } = connect();
    connections.push(connection);
    handshake(socket, serverDoc);
    socket.receive(encodeSavedMessage(1));

    socket.serverClose(1012, 'server restart');
    expect(connection.getSnapshot().state).toBe('offline');
    connection.doc.getText('t').insert(0, 'كتب دون اتصال');
    expect(socket.sent.filter(isUpdateBearing)).toHaveLength(1);
    expect(connection.getSnapshot()).toMatchObject({ state: 'offline', unsaved: true });

    vi.advanceTimersByTime(5_000);
    const next = FakeWebSocket.instances.at(-1)!;
    expect(next).not.toBe(socket);
    expect(connection.counts).toEqual({ sent: 0, saved: 0 });

    handshake(next, serverDoc);
    expect(connection.counts.sent).toBe(1);
    for (const update of sentUpdates(next)) Y.applyUpdate(serverDoc, update);
    expect(serverDoc.getText('t').toString()).toBe('كتب دون اتصال');
    expect(connection.getSnapshot().state).toBe('saving');

    next.receive(encodeSavedMessage(1));
    expect(connection.getSnapshot()).toMatchObject({ state: 'saved', unsaved: false });
  });

  it('ignores a saved count that arrives on a replaced socket', () => {
    const serverDoc = new Y.Doc();
    const { connection, socket } = connect();
    connections.push(connection);
    handshake(socket, serverDoc);
    socket.serverClose(1013);
    vi.advanceTimersByTime(5_000);
    const next = FakeWebSocket.instances.at(-1)!;
    handshake(next, serverDoc);
    // A late frame of the old socket is dropped by the provider.
    socket.receive(encodeSavedMessage(5));
    expect(connection.counts.saved).toBe(0);
    expect(connection.getSnapshot().state).toBe('saving');
  });

  it('reports a permanent refusal once and does not reconnect', () => {
    const refused = vi.fn();
    const { connection, socket } = connect(false, refused);
    connections.push(connection);
    socket.open();
    socket.serverClose(4403, 'not a member of this group');
    expect(refused).toHaveBeenCalledWith(4403, 'not a member of this group');
    expect(connection.getSnapshot()).toMatchObject({ state: 'error', refusal: { code: 4403 } });
    vi.advanceTimersByTime(10_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it("takes a frame above the server's hard cap (1009, closed by the websocket library) as a permanent refusal: no reconnecting to resend it", () => {
    const refused = vi.fn();
    const { connection, socket } = connect(false, refused);
    connections.push(connection);
    socket.open();
    socket.serverClose(1009, 'Max payload size exceeded');
    expect(refused).toHaveBeenCalledWith(1009, 'Max payload size exceeded');
    expect(connection.getSnapshot()).toMatchObject({ state: 'error', refusal: { code: 1009 } });
    vi.advanceTimersByTime(10_000);
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('does not say "saved" for a keystroke typed while the server is closing the socket (y-websocket sends nothing then)', () => {
    const serverDoc = new Y.Doc();
    const { connection, socket } = connect(false);
    connections.push(connection);
    handshake(socket, serverDoc);
    socket.receive(encodeSavedMessage(1));
    expect(connection.getSnapshot().state).toBe('saved');

    // The server's close frame arrived (a restart, 1012): the browser's socket is CLOSING and its
    // close event comes a round trip later.
    socket.readyState = FakeWebSocket.CLOSING;
    connection.doc.getText('t').insert(0, 'بند لم يُرسل');
    expect(socket.sent.filter(isUpdateBearing)).toHaveLength(1);
    expect(connection.getSnapshot()).toMatchObject({ state: 'offline', unsaved: true });
  });

  it('shows a read-only connection as saved once synced (the server never confirms its messages)', () => {
    const serverDoc = new Y.Doc();
    const { connection, socket } = connect(true);
    connections.push(connection);
    handshake(socket, serverDoc);
    expect(connection.counts).toEqual({ sent: 1, saved: 0 });
    expect(connection.getSnapshot()).toMatchObject({ state: 'saved', unsaved: false });
  });

  it('tells the page to re-read its access when the server restarts the connection (1012)', () => {
    const restarted = vi.fn();
    const connection = new CollabConnection({
      meetingId: 'm1',
      readOnly: false,
      serverUrl: 'ws://test/collab',
      WebSocketImpl: FakeWebSocket as unknown as typeof WebSocket,
      onServerRestart: restarted,
    });
    connections.push(connection);
    const socket = FakeWebSocket.instances.at(-1)!;
    handshake(socket, new Y.Doc());
    socket.serverClose(1013, 'try again later');
    expect(restarted).not.toHaveBeenCalled();
    vi.advanceTimersByTime(5_000);
    FakeWebSocket.instances.at(-1)!.open();
    FakeWebSocket.instances.at(-1)!.serverClose(1012, 'Your role changed.');
    expect(restarted).toHaveBeenCalledTimes(1);
  });

  it('stops waiting for confirmations when the user becomes read-only', () => {
    const { connection, socket } = connect();
    connections.push(connection);
    handshake(socket, new Y.Doc());
    expect(connection.getSnapshot().state).toBe('saving');
    connection.setReadOnly(true);
    expect(connection.getSnapshot().state).toBe('saved');
  });

  it('notifies subscribers only when the snapshot changes', () => {
    const serverDoc = new Y.Doc();
    const { connection, socket } = connect();
    connections.push(connection);
    const seen: string[] = [];
    connection.subscribe(() => seen.push(connection.getSnapshot().state));
    handshake(socket, serverDoc);
    socket.receive(encodeSavedMessage(1));
    socket.receive(encodeSavedMessage(1));
    expect(seen).toEqual(['saving', 'saved']);
  });
});

describe('CollabConnection after an undo', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeWebSocket.instances = [];
  });
  afterEach(() => vi.useRealTimers());

  /** A saved connection whose minutes hold a paragraph typed in two places, then undone and redone. */
  function undoneAndSaved() {
    const onReloadNeeded = vi.fn();
    const { connection, socket } = connect(false, undefined, onReloadNeeded);
    handshake(socket, new Y.Doc());
    const fragment = connection.doc.getXmlFragment(MINUTES_FRAGMENT);
    const text = new Y.XmlText();
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [text]);
    fragment.insert(0, [paragraph]);
    const undo = new Y.UndoManager(fragment, { captureTimeout: 0 });
    text.insert(0, 'قرر الفريق');
    text.insert(0, 'Agreed: ');
    undo.undo();
    undo.redo();
    const saved = connection.counts.sent;
    return { connection, socket, text, onReloadNeeded, saved };
  }

  it('asks for a reload once saved and at rest, when the minutes in memory read otherwise than saved', () => {
    const { connection, socket, text, onReloadNeeded, saved } = undoneAndSaved();
    misorder(text);
    // Not while anything is unsaved: a reload then could lose it.
    vi.advanceTimersByTime(UNDO_CHECK_DELAY_MS * 2);
    expect(onReloadNeeded).not.toHaveBeenCalled();

    socket.receive(encodeSavedMessage(saved));
    expect(connection.getSnapshot().state).toBe('saved');
    vi.advanceTimersByTime(UNDO_CHECK_DELAY_MS - 1);
    expect(onReloadNeeded).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onReloadNeeded).toHaveBeenCalledTimes(1);
    connection.destroy();
  });

  it('waits for the next "saved" when the user types again before the check', () => {
    const { connection, socket, text, onReloadNeeded, saved } = undoneAndSaved();
    misorder(text);
    socket.receive(encodeSavedMessage(saved));
    text.insert(text.length, '.');
    vi.advanceTimersByTime(UNDO_CHECK_DELAY_MS * 2);
    expect(onReloadNeeded).not.toHaveBeenCalled();
    socket.receive(encodeSavedMessage(saved + 1));
    vi.advanceTimersByTime(UNDO_CHECK_DELAY_MS);
    expect(onReloadNeeded).toHaveBeenCalledTimes(1);
    connection.destroy();
  });

  it('leaves minutes that read as saved alone, and does not check edits without an undo', () => {
    const { connection, socket, text, onReloadNeeded, saved } = undoneAndSaved();
    socket.receive(encodeSavedMessage(saved));
    vi.advanceTimersByTime(UNDO_CHECK_DELAY_MS);
    expect(onReloadNeeded).not.toHaveBeenCalled();

    // Checked once: typing afterwards, even into minutes that read otherwise, starts no check.
    text.insert(text.length, '.');
    misorder(text);
    socket.receive(encodeSavedMessage(saved + 1));
    vi.advanceTimersByTime(UNDO_CHECK_DELAY_MS * 2);
    expect(onReloadNeeded).not.toHaveBeenCalled();
    connection.destroy();
  });
});
