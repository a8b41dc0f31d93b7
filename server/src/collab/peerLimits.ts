/**
 * What one connection may cost the server. Every limit here is per connection (a hostile peer
 * opening more connections pays for each one with a sign-in check); README "Security notes"
 * lists them with their environment variables.
 */
export interface PeerLimits {
  /** Unsent bytes a websocket may hold (collab and socket.io); beyond it the consumer is closed with 1013. */
  maxBufferedBytes: number;
  /** Sync step 1 requests (each answer may be the whole document): a burst, then this many per second. */
  syncRequestBurst: number;
  syncRequestsPerSecond: number;
  /** Largest awareness state (JSON, bytes) and its deepest nesting of objects and arrays. */
  awarenessMaxBytes: number;
  awarenessMaxDepth: number;
  /** Own awareness updates relayed per second; more are coalesced (only the latest goes out). */
  awarenessUpdatesPerSecond: number;
  /** Awareness client ids one connection may hold (a y-websocket client has exactly one). */
  awarenessClientsPerConnection: number;
  /** Bytes of update content waiting for missing dependencies; beyond it the connection is closed (4400). */
  maxPendingBytes: number;
  /** New Yjs client ids one connection may start writing under (its own, and older ones of its local copy). */
  newClientIdsPerConnection: number;
  /** socket.io events a client may send: a burst, then this many per second. */
  realtimeEventBurst: number;
  realtimeEventsPerSecond: number;
}

export const DEFAULT_PEER_LIMITS: PeerLimits = {
  maxBufferedBytes: 8 * 1024 * 1024,
  syncRequestBurst: 3,
  syncRequestsPerSecond: 1,
  awarenessMaxBytes: 4096,
  awarenessMaxDepth: 6,
  awarenessUpdatesPerSecond: 20,
  awarenessClientsPerConnection: 2,
  maxPendingBytes: 1024 * 1024,
  newClientIdsPerConnection: 64,
  realtimeEventBurst: 20,
  realtimeEventsPerSecond: 10,
};

export function peerLimits(overrides: Partial<PeerLimits> = {}): PeerLimits {
  return { ...DEFAULT_PEER_LIMITS, ...overrides };
}

/**
 * A token bucket: `burst` actions at once, refilled at `perSecond`. `take()` says whether one
 * more is allowed now; `msUntilNext()` when the next one will be.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  take(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  msUntilNext(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }
}

/** A peer broke a limit or the protocol: its connection is closed with `code` and `reason`. */
export class PeerRefusal extends Error {
  constructor(
    readonly code: number,
    reason: string,
  ) {
    super(reason);
  }
}
