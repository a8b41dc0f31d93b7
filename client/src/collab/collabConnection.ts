import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode, isPermanentCloseCode } from '../../../shared/collab/closeCodes.js';
import { MessageType } from '../../../shared/collab/protocol.js';
import { isUpdateBearing } from './savedProtocol.js';
import { SaveCounter, saveState, type SaveState } from './saveStatus.js';

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
  /** Called once when the server closes with a permanent code (e.g. 4401: sign in again). */
  onRefused?: (code: number, reason: string) => void;
  /**
   * Called when the server closes with 1012: it restarted, or this user's role changed (the
   * server reconnects them so their rights are evaluated again). The page re-reads its access.
   */
  onServerRestart?: () => void;
}

type SendData = Parameters<WebSocket['send']>[0];

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
 */
export class CollabConnection {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  private readonly counter = new SaveCounter();
  private readonly listeners = new Set<() => void>();
  private readOnly: boolean;
  private refusal: CollabSnapshot['refusal'] = null;
  private localEditsPending = false;
  private snapshot: CollabSnapshot;

  constructor(options: CollabConnectionOptions) {
    this.readOnly = options.readOnly;
    this.snapshot = { state: 'offline', unsaved: false, refusal: null };
    const counter = this.counter;
    const changed = () => this.update();
    const Base = options.WebSocketImpl ?? WebSocket;
    class CountingWebSocket extends Base {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        counter.startSocket(this);
        changed();
      }
      override send(data: SendData): void {
        super.send(data);
        if (counter.countSent(this, isUpdateBearing(data))) changed();
      }
    }

    this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin !== this.provider) {
        this.localEditsPending = true;
        changed();
      }
    });

    this.provider = new WebsocketProvider(options.serverUrl ?? defaultCollabUrl(), options.meetingId, this.doc, {
      disableBc: true,
      WebSocketPolyfill: CountingWebSocket,
      connect: false,
    });
    this.provider.messageHandlers[MessageType.saved] = (_encoder, decoder) => {
      counter.setSaved(decoding.readVarUint(decoder));
      changed();
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
      changed();
      options.onRefused?.(code, reason);
    });
    this.provider.connect();
  }

  getSnapshot = (): CollabSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The user's access changed (observer ↔ delegate): counts matter only for editors. */
  setReadOnly(readOnly: boolean): void {
    this.readOnly = readOnly;
    this.update();
  }

  /** Counts as seen by the status logic (for tests and diagnostics). */
  get counts(): { sent: number; saved: number } {
    return { sent: this.counter.sent, saved: this.counter.saved };
  }

  destroy(): void {
    this.listeners.clear();
    this.provider.destroy();
    this.provider.awareness.destroy();
    this.doc.destroy();
  }

  private update(): void {
    // Called from the provider's constructor path before `provider` is assigned.
    const provider = this.provider as WebsocketProvider | undefined;
    const state = saveState({
      connected: provider?.wsconnected ?? false,
      synced: provider?.synced ?? false,
      sent: this.counter.sent,
      saved: this.counter.saved,
      readOnly: this.readOnly,
      refused: this.refusal !== null,
    });
    if (state === 'saved') this.localEditsPending = false;
    const unsaved = this.localEditsPending && !this.readOnly;
    const prev = this.snapshot;
    if (prev.state === state && prev.unsaved === unsaved && prev.refusal === this.refusal) return;
    this.snapshot = { state, unsaved, refusal: this.refusal };
    for (const listener of this.listeners) listener();
  }
}
