import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode, isPermanentCloseCode } from '../../../shared/collab/closeCodes.js';
import { MessageType } from '../../../shared/collab/protocol.js';
import { LinkWatch } from './linkWatch.js';
import { LocalCopy } from './localCopy.js';
import { webLocksLiveConnections, type LiveConnections } from './liveConnections.js';
import { deleteDatabase, deleteLocalCopy, LocalCopyIndex, localCopyName } from './localCopies.js';
import { isUpdateBearing } from './savedProtocol.js';
import { SaveCounter, saveState, type SaveState } from './saveStatus.js';
import { UndoCheck } from './undoCheck.js';

export interface CollabSnapshot {
  state: SaveState;
  /** Local edits exist that the server has not confirmed (warn before leaving the page). */
  unsaved: boolean;
  /** Set when the server refused the connection for good (4400–4499). */
  refusal: { code: number; reason: string } | null;
}

export interface CollabConnectionOptions {
  meetingId: string;
  /** Observers and locked minutes: nothing of ours is expected to be saved. */
  readOnly: boolean;
  /** Base URL of the collab endpoint, `ws(s)://host/collab`; defaults to this page's origin. */
  serverUrl?: string;
  /** The WebSocket class to build on (tests pass a fake). */
  WebSocketImpl?: typeof WebSocket;
  /** Source of the browser's `online`/`offline` events; defaults to `window` (tests pass their own). */
  networkEvents?: EventTarget;
  /** Called once when the server closes with a permanent code (e.g. 4401: sign in again). */
  onRefused?: (code: number, reason: string) => void;
  /**
   * Called when the server closes with 1012: it restarted, or this user's role changed (the
   * server reconnects them so their rights are evaluated again). The page re-reads its access.
   */
  onServerRestart?: () => void;
  /**
   * Called when, after the user undid or redid and everything is saved, the document in memory
   * no longer reads as what it saved (readsAsSaved.ts: a Yjs undo bug). The page then starts
   * over with a new connection, which reads the saved form: nothing is lost, all of it is saved.
   */
  onReloadNeeded?: () => void;
  /**
   * Keep a durable copy of the minutes in this browser for this user (IndexedDB), so that edits
   * survive closing the tab while offline. Only while the user may edit: a read-only connection
   * deletes the user's copy of the meeting instead. Without it the doc lives in memory only.
   */
  localCopy?: {
    userId: string;
    /** Which copies hold unconfirmed changes (tests pass one over a fake storage). */
    index?: LocalCopyIndex;
    /** Connect without the copy if it has not loaded by then. */
    loadTimeoutMs?: number;
    /** Which connections are open in this browser's tabs (tests pass one in memory). */
    live?: LiveConnections;
  };
}

/**
 * Permanent refusals after which nothing kept here can ever be sent: removed from the group, no
 * such meeting, or a change too large for the server, which the copy would send again on every
 * visit and be refused again (the minutes uneditable in this browser until its data is cleared).
 * Not 4401 (signing in again sends it) nor 4400, which also refuses presence and client ids, not
 * only document content: the copy may hold edits that can still be sent. Nor 4429 (edits of more
 * offline visits than the server takes at once): they are the user's own and stay here until an
 * administrator raises the server's limit.
 */
const DISCARD_ON_REFUSAL: ReadonlySet<number> = new Set([CloseCode.forbidden, CloseCode.unknownMeeting, CloseCode.messageTooLarge, CloseCode.frameTooLarge]);

function connectionId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

type SendData = Parameters<WebSocket['send']>[0];

/** `WebSocket.OPEN`, which is not defined where the tests run. */
const OPEN = 1;

/** The page's own origin as a websocket URL (same origin: the session cookie goes along). */
export function defaultCollabUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/collab`;
}

/**
 * A meeting's minutes as a Y.Doc, kept in sync with the server by y-websocket, plus the
 * "saved" bookkeeping of Mahdar's protocol.
 *
 * Counting: y-websocket sends update-bearing messages from two places (its doc `update`
 * handler, and its reply to the server's sync step 1 inside `onmessage`). Rather than hook
 * each, the provider is given a WebSocket subclass whose `send` classifies every outgoing frame
 * (`isUpdateBearing`), so nothing the provider sends can be missed, and whose constructor
 * starts the count afresh for each new socket, exactly as the server counts per connection.
 * The server's `[100, savedCount]` messages go through `provider.messageHandlers[100]`, which
 * y-websocket only calls for frames of its current socket.
 *
 * Liveness: the same subclass reports each socket's opening and messages to a `LinkWatch`,
 * which gives up on a socket that has heard nothing (not even the server's heartbeat) for two
 * heartbeat intervals, and follows the browser's `online`/`offline` events.
 *
 * Local copy: with `localCopy`, the doc is first loaded from IndexedDB and only then is the
 * provider connected (`whenLoaded`), so that edits kept from an earlier visit are part of the
 * first sync: the reply to the server's sync step 1 carries them, it is counted like any other
 * step 2, and "saved" still means the server committed them.
 */
export class CollabConnection {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  /** Resolves once the local copy (if any) is loaded into the doc and the provider connects. */
  readonly whenLoaded: Promise<void>;
  /** Identifies this connection's unconfirmed changes in the local-copy index. */
  readonly id = connectionId();
  private readonly counter = new SaveCounter();
  private readonly link: LinkWatch;
  private readonly listeners = new Set<() => void>();
  private readOnly: boolean;
  private refusal: CollabSnapshot['refusal'] = null;
  private localEditsPending = false;
  private snapshot: CollabSnapshot;
  private readonly meetingId: string;
  private readonly index: LocalCopyIndex | null;
  private readonly loadTimeoutMs: number;
  private readonly live: LiveConnections;
  private readonly releaseLive: () => void;
  private localCopy: LocalCopy | null = null;
  /** Connections whose unconfirmed changes were in the local copy when it loaded. */
  private inherited: string[] = [];
  /** This connection has marked itself pending in the index. */
  private markedPending = false;
  private destroyed = false;
  private readonly undoCheck: UndoCheck;

  constructor(options: CollabConnectionOptions) {
    this.readOnly = options.readOnly;
    this.meetingId = options.meetingId;
    this.undoCheck = new UndoCheck(this.doc, () => !this.destroyed && this.snapshot.state === 'saved', options.onReloadNeeded);
    this.index = options.localCopy ? (options.localCopy.index ?? new LocalCopyIndex(options.localCopy.userId)) : null;
    this.loadTimeoutMs = options.localCopy?.loadTimeoutMs ?? 5_000;
    this.live = options.localCopy?.live ?? webLocksLiveConnections();
    this.releaseLive = this.index ? this.live.hold(this.id) : () => {};
    this.snapshot = { state: 'offline', unsaved: false, refusal: null };
    const counter = this.counter;
    const changed = () => this.update();
    const link = () => this.link;
    const Base = options.WebSocketImpl ?? WebSocket;
    class CountingWebSocket extends Base {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        counter.startSocket(this);
        link().started(this);
        const heard = () => link().heard(this);
        this.addEventListener('open', heard);
        this.addEventListener('message', heard);
        changed();
      }
      override send(data: SendData): void {
        super.send(data);
        if (counter.countSent(this, isUpdateBearing(data))) changed();
      }
    }

    this.provider = new WebsocketProvider(options.serverUrl ?? defaultCollabUrl(), options.meetingId, this.doc, {
      disableBc: true,
      WebSocketPolyfill: CountingWebSocket,
      connect: false,
      shouldReconnect: (event) => !isPermanentCloseCode(event.code),
    });
    this.link = new LinkWatch(this.provider, options.networkEvents ?? (typeof window === 'undefined' ? null : window));
    this.provider.messageHandlers[MessageType.saved] = (_encoder, decoder) => {
      counter.setSaved(decoding.readVarUint(decoder));
      changed();
    };
    this.provider.messageHandlers[MessageType.heartbeat] = (_encoder, decoder) => {
      this.link.heartbeat(decoding.readVarUint(decoder));
    };
    this.provider.on('status', changed);
    this.provider.on('sync', changed);
    this.provider.on('connection-close', (event) => {
      changed();
      if (event?.code === CloseCode.serverRestart) options.onServerRestart?.();
    });
    this.provider.on('closed', ({ code, reason }) => {
      if (!isPermanentCloseCode(code)) return;
      this.refusal = { code, reason };
      if (DISCARD_ON_REFUSAL.has(code)) this.dropLocalCopy();
      changed();
      options.onRefused?.(code, reason);
    });

    // Registered after the provider's own handler, which sends the update first: the status then
    // already counts it and is "saving" (not a stale "saved") when this marks the edit unsaved.
    this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === this.provider) return;
      if (this.localCopy?.origin && origin === this.localCopy.origin) return; // loaded from the copy
      this.localEditsPending = true;
      if (this.localCopy?.active && !this.readOnly) {
        this.index?.markPending(this.meetingId, this.id);
        this.markedPending = true;
      }
      changed();
    });

    if (!this.index) {
      this.provider.connect();
      this.whenLoaded = Promise.resolve();
    } else if (this.readOnly) {
      // Nothing of ours can be saved: no copy, and a stale one (minutes approved meanwhile,
      // became an observer) is deleted unread. The server's copy is the one shown.
      void deleteLocalCopy(this.index, this.meetingId);
      this.provider.connect();
      this.whenLoaded = Promise.resolve();
    } else {
      const copy = this.openLocalCopy(this.index);
      this.whenLoaded = copy.loaded.then(() => {
        if (this.destroyed) return;
        this.provider.connect();
      });
    }
  }

  getSnapshot = (): CollabSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The user's access changed (observer ↔ delegate): counts matter only for editors. */
  setReadOnly(readOnly: boolean): void {
    const changedAccess = readOnly !== this.readOnly;
    this.readOnly = readOnly;
    if (changedAccess && this.index && !this.destroyed) {
      if (readOnly) this.dropLocalCopy();
      else if (!this.localCopy && !this.refusal) this.openLocalCopy(this.index);
    }
    this.update();
  }

  /** Local edits are written to this browser's copy (they survive closing the tab). */
  get keptLocally(): boolean {
    return this.localCopy?.active ?? false;
  }

  /** Local edits exist that the server has not confirmed, whatever the access (see `unsaved`). */
  get hasUnconfirmedEdits(): boolean {
    return this.localEditsPending;
  }

  /** Counts as seen by the status logic (for tests and diagnostics). */
  get counts(): { sent: number; saved: number } {
    return { sent: this.counter.sent, saved: this.counter.saved };
  }

  destroy(): void {
    this.destroyed = true;
    this.undoCheck.destroy();
    this.releaseLive();
    this.localCopy?.close();
    this.localCopy = null;
    this.listeners.clear();
    this.link.destroy();
    this.provider.destroy();
    this.provider.awareness.destroy();
    this.doc.destroy();
  }

  private update(): void {
    // Called from the provider's constructor path before `provider` is assigned.
    const provider = this.provider as WebsocketProvider | undefined;
    const state = saveState({
      // Open, not only not yet closed: while the server's close is under way y-websocket sends
      // nothing, and a keystroke typed then would have counted as saved without being sent.
      connected: (provider?.wsconnected ?? false) && provider?.ws?.readyState === OPEN,
      synced: provider?.synced ?? false,
      sent: this.counter.sent,
      saved: this.counter.saved,
      readOnly: this.readOnly,
      refused: this.refusal !== null,
    });
    if (state === 'saved') {
      this.localEditsPending = false;
      if (!this.readOnly) this.confirmLocalCopy();
      this.undoCheck.saved();
    }
    const unsaved = this.localEditsPending && !this.readOnly;
    const prev = this.snapshot;
    if (prev.state === state && prev.unsaved === unsaved && prev.refusal === this.refusal) return;
    this.snapshot = { state, unsaved, refusal: this.refusal };
    for (const listener of this.listeners) listener();
  }

  private openLocalCopy(index: LocalCopyIndex): LocalCopy {
    const copy = new LocalCopy(localCopyName(index.userId, this.meetingId), this.doc, {
      loadTimeoutMs: this.loadTimeoutMs,
      onClosedElsewhere: () => {
        if (this.localCopy === copy) this.localCopy = null;
      },
    });
    this.localCopy = copy;
    if (copy.origin) index.add(this.meetingId);
    void copy.synced.then(async () => {
      const found = index.pending(this.meetingId).filter((id) => id !== this.id);
      const live = found.length > 0 ? await this.live.live() : undefined;
      if (this.destroyed || this.localCopy !== copy) return;
      // Edits made before the copy loaded (a slow IndexedDB) were written with it.
      if (this.localEditsPending && !this.readOnly) {
        index.markPending(this.meetingId, this.id);
        this.markedPending = true;
      }
      // Unconfirmed changes of earlier visits (and of closed tabs) are now in the doc: they go
      // with the next sync, and are confirmed with it. A tab still open keeps its own name: it
      // may have changed more since the copy was read (liveConnections.ts).
      this.inherited = found.filter((id) => !live?.has(id));
      if (this.inherited.length > 0) {
        this.localEditsPending = true;
        this.update();
      }
    });
    return copy;
  }

  /** Everything this connection sent is committed: so are the changes it found in the copy. */
  private confirmLocalCopy(): void {
    if (!this.index || !this.localCopy || (!this.markedPending && this.inherited.length === 0)) return;
    this.index.clearPending(this.meetingId, [this.id, ...this.inherited]);
    this.markedPending = false;
    this.inherited = [];
  }

  /** Deletes this meeting's local copy (read-only now, or access refused for good). */
  private dropLocalCopy(): void {
    if (!this.index) return;
    const copy = this.localCopy;
    this.localCopy = null;
    this.inherited = [];
    this.markedPending = false;
    this.index.forget(this.meetingId);
    const name = localCopyName(this.index.userId, this.meetingId);
    void (copy ? copy.discard(deleteDatabase) : deleteDatabase(name));
  }
}
