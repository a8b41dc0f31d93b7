import type * as awarenessProtocol from 'y-protocols/awareness';
import { awarenessMessage } from './messages.js';

/**
 * How long presence changes are gathered before they are relayed. Carets are relayed in one
 * message per window instead of one per change: with n people moving their carets, relaying
 * each change at once costs n sends per change (n² per round of moves); gathered, it costs n
 * sends per window, whatever the number of changes. Short enough that a caret still follows
 * the typing it marks.
 */
export const PRESENCE_RELAY_MS = 40;

/**
 * Relays the presence (awareness) changes of a document to its peers, gathered over
 * PRESENCE_RELAY_MS: each client that changed is sent once, in its latest state (a client
 * that left, as removed).
 */
export class AwarenessRelay {
  private readonly changed = new Set<number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly awareness: awarenessProtocol.Awareness,
    private readonly broadcast: (message: Uint8Array) => void,
  ) {}

  changes(clients: number[]): void {
    for (const client of clients) this.changed.add(client);
    this.timer ??= setTimeout(() => this.flush(), PRESENCE_RELAY_MS).unref();
  }

  /** Relays what is gathered now (also before the peers are closed). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.changed.size === 0) return;
    const clients = [...this.changed];
    this.changed.clear();
    this.broadcast(awarenessMessage(this.awareness, clients));
  }

  /** Drops what is gathered (the document is going away). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.changed.clear();
  }
}
