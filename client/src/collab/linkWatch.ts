/**
 * Noticing quickly that the link to the server is gone.
 *
 * A dead network does not close a websocket: TCP waits, and y-websocket 3.1.0 only gives up on a
 * socket after 30 s without a message (a constant), and never on an attempt that does not open.
 * The server sends a heartbeat every interval (2 s by default; the message carries it). A socket
 * that has heard nothing for two intervals, or an attempt that has not heard anything for as
 * long, is given up: the status says "offline" and y-websocket reconnects. The browser's own
 * `offline` event gives up at once, and its `online` event reconnects at once instead of
 * waiting for y-websocket's backoff. Edits are not affected: they stay in the Y.Doc and the
 * next connection's sync sends whatever the server has not confirmed.
 */

/** The server's default interval: the limit before its first heartbeat says otherwise. */
export const DEFAULT_HEARTBEAT_MS = 2_000;
/** A smaller announced interval is taken as this: never reconnect in a tight loop. */
const MIN_HEARTBEAT_MS = 250;
/** A larger one too: a dead link must still be noticed within a minute or two. */
const MAX_HEARTBEAT_MS = 60_000;

/** How long a socket may hear nothing before it is taken for dead: two missed heartbeats. */
export function silenceLimitMs(heartbeatMs: number): number {
  const interval = Number.isFinite(heartbeatMs) ? Math.min(Math.max(heartbeatMs, MIN_HEARTBEAT_MS), MAX_HEARTBEAT_MS) : DEFAULT_HEARTBEAT_MS;
  return 2 * interval;
}

/** When a socket last heard from at `lastHeardAt` is to be given up. */
export function giveUpAt(lastHeardAt: number, heartbeatMs: number): number {
  return lastHeardAt + silenceLimitMs(heartbeatMs);
}

/** The parts of y-websocket's provider the watch uses. */
export interface WatchedProvider {
  ws: WebSocket | null;
  wsconnected: boolean;
  /** False once destroyed, before the local copy has loaded, or after a final refusal. */
  shouldConnect: boolean;
  connect(): void;
}

/**
 * Reports `socket` closed to its owner now, as the browser does when a connection drops, then
 * closes it. y-websocket's own close path runs (status, others' carets cleared, reconnect with
 * backoff); it detaches its handlers first, so the real close event that follows is ignored.
 */
function giveUp(socket: WebSocket, reason: string): void {
  socket.onclose?.call(socket, { code: 1006, reason, wasClean: false } as CloseEvent);
  socket.close();
}

export class LinkWatch {
  private heartbeatMs = DEFAULT_HEARTBEAT_MS;
  private current: WebSocket | null = null;
  private lastHeardAt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;

  constructor(
    private readonly provider: WatchedProvider,
    /** Where the browser's `online`/`offline` events come from (`window`; tests pass their own). */
    private readonly network: EventTarget | null,
  ) {
    network?.addEventListener('offline', this.onOffline);
    network?.addEventListener('online', this.onOnline);
  }

  /** A new socket (or attempt) is the current one: its silence counts from now. */
  started(socket: WebSocket): void {
    this.current = socket;
    this.heard(socket);
  }

  /** `socket` opened or received a message. */
  heard(socket: WebSocket): void {
    if (socket !== this.current) return;
    this.lastHeardAt = Date.now();
    this.arm();
  }

  /** The server's heartbeat, with its interval. */
  heartbeat(intervalMs: number): void {
    this.heartbeatMs = intervalMs;
  }

  destroy(): void {
    this.destroyed = true;
    this.current = null;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.network?.removeEventListener('offline', this.onOffline);
    this.network?.removeEventListener('online', this.onOnline);
  }

  /** One timer at most, set for the deadline; a message meanwhile only moves the deadline. */
  private arm(): void {
    if (this.timer !== null || this.destroyed) return;
    this.timer = setTimeout(this.check, Math.max(0, giveUpAt(this.lastHeardAt, this.heartbeatMs) - Date.now()));
  }

  private check = (): void => {
    this.timer = null;
    const socket = this.current;
    // Closed meanwhile (y-websocket reconnects by itself): the next socket arms again.
    if (!socket || socket !== this.provider.ws) return;
    if (Date.now() >= giveUpAt(this.lastHeardAt, this.heartbeatMs)) giveUp(socket, 'no heartbeat from the server');
    else this.arm();
  };

  private onOffline = (): void => {
    const socket = this.provider.ws;
    if (socket) giveUp(socket, 'the browser went offline');
  };

  private onOnline = (): void => {
    if (!this.provider.shouldConnect || this.provider.wsconnected) return;
    // An attempt started while offline may hang until its timeout: start afresh, now.
    const socket = this.provider.ws;
    if (socket) giveUp(socket, 'the browser is back online');
    this.provider.connect();
  };
}
