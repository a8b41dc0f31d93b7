/**
 * What the status indicator shows.
 * - `offline`: no open websocket; edits stay in the Y.Doc and are sent on reconnect.
 * - `saving`: connected, and either the first sync has not finished or the server has not yet
 *   confirmed every update this websocket sent.
 * - `saved`: synced, and everything sent on this websocket is durable on the server.
 * - `error`: the server closed the connection for good (no access, unknown meeting, …).
 */
export type SaveState = 'offline' | 'saving' | 'saved' | 'error';

export interface ConnectionFacts {
  connected: boolean;
  synced: boolean;
  /** Update-bearing messages sent on the current websocket. */
  sent: number;
  /** How many of them the server reports durable. */
  saved: number;
  /** Observers: the server drops their updates and never confirms them, so counts are moot. */
  readOnly: boolean;
  /** The server refused the connection permanently (4400–4499). */
  refused: boolean;
}

export function saveState(f: ConnectionFacts): SaveState {
  if (f.refused) return 'error';
  if (!f.connected) return 'offline';
  if (!f.synced) return 'saving';
  if (f.readOnly) return 'saved';
  return f.saved >= f.sent ? 'saved' : 'saving';
}

/**
 * Counts, per websocket, the update-bearing messages sent and the server's "saved" count.
 * A new websocket starts from zero on both sides (the server counts per connection too).
 */
export class SaveCounter {
  private socket: object | null = null;
  sent = 0;
  saved = 0;

  /** A new websocket was created: it becomes the one that counts. */
  startSocket(socket: object): void {
    this.socket = socket;
    this.sent = 0;
    this.saved = 0;
  }

  /** Called after `socket` sent a frame; counts it if it bears an update and `socket` is current. */
  countSent(socket: object, updateBearing: boolean): boolean {
    if (socket !== this.socket || !updateBearing) return false;
    this.sent++;
    return true;
  }

  /** The server's count for the current websocket. It never goes backwards. */
  setSaved(count: number): void {
    this.saved = Math.max(this.saved, count);
  }
}
