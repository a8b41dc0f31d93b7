import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { awarenessMessage } from './messages.js';
import { AwarenessGuard } from './awarenessGuard.js';
import { AwarenessRelay } from './awarenessRelay.js';
import { connectionOwner, type ClientIdOwners } from './clientIds.js';
import type { UpdateAuthor } from './integrateUpdate.js';
import type { PeerLimits } from './peerLimits.js';
import { WaitingContent } from './waitingContent.js';

/** One websocket (or other transport) attached to a document. */
export interface Peer {
  readonly id: string;
  /** Who is connected: owns the Yjs client ids it writes under (without one: this connection). */
  readonly userId?: string | null;
  /** Observers and locked minutes: sync and awareness are served, updates are dropped. */
  readonly readOnly: boolean;
  /** May write only while the minutes are a draft (a delegate): see DocumentStore.append. */
  readonly draftOnly?: boolean;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

/**
 * Per connection: what it sent that Yjs could not integrate yet (`waiting`: it depends on content
 * the connection has not sent yet, e.g. typing that arrives before the offline edits it follows)
 * is kept out of the shared doc: neither stored, nor relayed, nor counted as saved until the
 * rest arrives and it integrates. `owner` and `claimed`: see clientIds.ts.
 */
export interface PeerState extends UpdateAuthor {
  /** Update messages received on this connection, and how many of them are durable. */
  received: number;
  saved: number;
  /** Messages up to this one are wholly in the doc (no part of them is still waiting). */
  integrated: number;
}

export function ownerOf(peer: Peer): string {
  return peer.userId ?? connectionOwner(peer.id);
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * The connections of one document and their presence (awareness): who is attached, what each
 * has sent and had saved, and the carets they may set. Presence is not part of the minutes, so
 * it is relayed outside the commit pipeline, gathered over a few milliseconds (awarenessRelay.ts).
 */
export class PeerSet {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly states = new Map<Peer, PeerState>();
  private readonly guard: AwarenessGuard<Peer>;
  private readonly relay: AwarenessRelay;

  constructor(doc: Y.Doc, owners: ClientIdOwners, limits: PeerLimits, relayFailed: (error: unknown) => void) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.relay = new AwarenessRelay(this.awareness, (message) => this.broadcast(message));
    this.awareness.on('update', ({ added, updated, removed }: AwarenessChange) => {
      this.relay.changes([...added, ...updated, ...removed]);
    });
    this.guard = new AwarenessGuard<Peer>(this.awareness, owners, limits, (update, peer) => {
      try {
        awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer);
      } catch (error) {
        relayFailed(error);
      }
    });
  }

  get size(): number {
    return this.states.size;
  }

  get(peer: Peer): PeerState | undefined {
    return this.states.get(peer);
  }

  has(peer: Peer): boolean {
    return this.states.has(peer);
  }

  add(peer: Peer): void {
    this.states.set(peer, { received: 0, saved: 0, integrated: 0, owner: ownerOf(peer), waiting: new WaitingContent(), claimed: 0 });
  }

  /** Everyone's presence, to a peer that just attached (nothing if nobody is present). */
  sendPresence(peer: Peer): void {
    const clients = [...this.awareness.getStates().keys()];
    if (clients.length > 0) peer.send(awarenessMessage(this.awareness, clients));
  }

  /** Forgets a connection and the presence it set (the others see its caret go). */
  remove(peer: Peer): void {
    if (!this.states.delete(peer)) return;
    const clients = this.guard.release(peer);
    if (clients.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, clients, null);
  }

  /** Ends one connection with a code and a reason. */
  reject(peer: Peer, code: number, reason: string): void {
    this.remove(peer);
    peer.close(code, reason);
  }

  /** Disconnects every peer (shutdown, eviction, a failed document). */
  closeAll(code: number, reason: string): void {
    for (const peer of this.states.keys()) this.reject(peer, code, reason);
    this.relay.stop();
  }

  /** Applies what of an awareness update this peer may set; throws PeerRefusal for bad input. */
  receiveAwareness(peer: Peer, update: Uint8Array): void {
    if (this.states.has(peer)) this.guard.receive(peer, ownerOf(peer), update);
  }

  answerAwarenessQuery(peer: Peer): void {
    peer.send(awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]));
  }

  /** Sends `message` to every peer but `except` (the author of all it holds, who has it). */
  broadcast(message: Uint8Array, except?: Peer): void {
    for (const peer of this.states.keys()) if (peer !== except) peer.send(message);
  }
}
