import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { DomainError } from '../errors.js';
import type { Logger } from '../logger.js';
import { encodeSavedMessage as savedMessage } from '../../../shared/collab/protocol.js';
import { awarenessMessage, syncStep1Message, syncStep2Message, updateMessage } from './messages.js';
import { AwarenessGuard } from './awarenessGuard.js';
import { ClientIdOwners, connectionOwner, freshServerClientId, SERVER_OWNER, type ClientIdStore } from './clientIds.js';
import { peerLimits, type PeerLimits } from './peerLimits.js';
import { departedAuthor, integratePeerUpdate, savedThrough, type UpdateAuthor } from './integrateUpdate.js';
import { WaitingContent } from './waitingContent.js';

/** One websocket (or other transport) attached to a document. */
export interface Peer {
  readonly id: string;
  /** Who is connected: owns the Yjs client ids it writes under (null only in tests). */
  readonly userId: string | null;
  /** Observers and locked minutes: sync and awareness are served, updates are dropped. */
  readonly readOnly: boolean;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

/** Where committed updates go. `append` must be durable when it resolves. */
export interface UpdateStore {
  load(meetingId: string): Promise<Uint8Array[]>;
  append(meetingId: string, update: Uint8Array): Promise<void>;
}

/** What a document needs to check its peers: where client-id owners are kept, and the limits. */
export interface PeerGuards {
  clientIds?: ClientIdStore;
  limits?: PeerLimits;
}

type Job =
  | { kind: 'update'; peer: Peer; update: Uint8Array; index: number; reject?: undefined }
  | { kind: 'read'; run: () => void; reject?: (e: unknown) => void }
  | { kind: 'server'; change: (doc: Y.Doc) => void; resolve: () => void; reject: (e: unknown) => void };

interface PeerState extends UpdateAuthor {
  /** Update messages received on this connection, and how many of them are durable. */
  received: number;
  saved: number;
}

/** Origin of changes that went through the commit pipeline (as opposed to awareness etc.). */
const COMMITTED = Symbol('committed');

/**
 * A meeting's minutes in memory, with the connections editing them.
 *
 * Every change goes through one serial pipeline per document. A batch takes all jobs queued
 * while the previous commit ran (group commit): updates are applied to the Y.Doc, the doc's own
 * resulting update is appended to the log in ONE transaction, and only when that commit has
 * succeeded is anything made visible: the update is broadcast, reads queued in the batch (sync
 * answers) are served and senders are told how many of their messages are durable ("saved").
 * Logging exactly what the doc emitted keeps the log replayable even when a client sent an
 * update that Yjs could only partly integrate. If a commit fails, the in-memory doc is
 * discarded and every peer is disconnected with a transient code: they reconnect, reload from
 * the database and resend what was not acknowledged. Nothing acknowledged is ever lost.
 */
export class LiveDocument {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  private readonly peers = new Map<Peer, PeerState>();
  private queue: Job[] = [];
  private draining = false;
  /** The current drain loop; settles when the queue is empty. */
  private drained: Promise<void> = Promise.resolve();
  private failed = false;
  private readonly committedListeners = new Set<(update: Uint8Array) => void>();
  private readonly failedListeners = new Set<() => void>();
  private readonly limits: PeerLimits;
  private readonly awarenessGuard: AwarenessGuard<Peer>;
  /** Connections closed for what they sent: their queued updates are not applied. */
  private readonly rejected = new WeakSet<Peer>();

  private constructor(
    readonly meetingId: string,
    private readonly store: UpdateStore,
    private readonly log: Logger,
    private readonly owners: ClientIdOwners,
    private readonly guards: PeerGuards,
  ) {
    this.doc = new Y.Doc({ gc: true });
    this.limits = guards.limits ?? peerLimits();
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.awareness.on('update', ({ added, updated, removed }: AwarenessChange) => {
      this.broadcast(awarenessMessage(this.awareness, [...added, ...updated, ...removed]));
    });
    this.awarenessGuard = new AwarenessGuard<Peer>(this.awareness, owners, this.limits, (update, peer) => {
      try {
        awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer);
      } catch (error) {
        this.drop(error, 'could not relay presence');
      }
    });
  }

  /** Loads the document from its log. Throws if the log cannot be read or applied: never an empty doc. */
  static async load(meetingId: string, store: UpdateStore, log: Logger, guards: PeerGuards = {}): Promise<LiveDocument> {
    let live: LiveDocument | undefined;
    try {
      const [updates, owners] = await Promise.all([store.load(meetingId), guards.clientIds?.load(meetingId) ?? []]);
      live = new LiveDocument(meetingId, store, log, new ClientIdOwners(owners), guards);
      if (updates.length > 0) Y.applyUpdate(live.doc, Y.mergeUpdates(updates), COMMITTED);
      freshServerClientId(live.doc, live.owners);
    } catch (error) {
      log.error('collab.load_failed', { meetingId, error: String(error) });
      live?.doc.destroy();
      throw new DomainError('unavailable', 'The stored minutes could not be loaded. Nothing was changed; try again later.');
    }
    return live;
  }

  get peerCount(): number {
    return this.peers.size;
  }

  get isFailed(): boolean {
    return this.failed;
  }

  /** True when no job is queued or running: everything received is committed. */
  get isIdle(): boolean {
    return !this.draining && this.queue.length === 0;
  }

  onCommitted(listener: (update: Uint8Array) => void): () => void {
    this.committedListeners.add(listener);
    return () => this.committedListeners.delete(listener);
  }

  onFailed(listener: () => void): void {
    this.failedListeners.add(listener);
  }

  addPeer(peer: Peer): void {
    this.peers.set(peer, { received: 0, saved: 0, owner: ownerOf(peer), waiting: new WaitingContent(), claimed: 0 });
    // Start the handshake from the committed state: queued behind any commit in flight.
    this.enqueue({ kind: 'read', run: () => peer.send(syncStep1Message(this.doc)) });
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) peer.send(awarenessMessage(this.awareness, states));
  }

  removePeer(peer: Peer): void {
    const state = this.peers.get(peer);
    if (!state) return;
    this.peers.delete(peer);
    const awarenessClients = this.awarenessGuard.release(peer);
    if (awarenessClients.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, awarenessClients, null);
  }

  receiveSyncStep1(peer: Peer, stateVector: Uint8Array): void {
    this.enqueue({ kind: 'read', run: () => peer.send(syncStep2Message(this.doc, stateVector)) });
  }

  receiveUpdate(peer: Peer, update: Uint8Array): void {
    const state = this.peers.get(peer);
    if (!state) return;
    if (peer.readOnly) {
      // Every read-only client answers the handshake with an (empty) sync step 2: not worth a log line.
      if (!isEmptyUpdate(update)) {
        this.log.warn('collab.readonly_update_dropped', { meetingId: this.meetingId, peer: peer.id, bytes: update.byteLength });
      }
      return;
    }
    state.received++;
    this.enqueue({ kind: 'update', peer, update, index: state.received });
  }

  /** Applies what of an awareness update this peer may set; throws PeerRefusal for bad input. */
  receiveAwareness(peer: Peer, update: Uint8Array): void {
    if (!this.peers.has(peer)) return;
    this.awarenessGuard.receive(peer, ownerOf(peer), update);
  }

  answerAwarenessQuery(peer: Peer): void {
    peer.send(awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]));
  }

  /**
   * A server-side change (template, status from the tracker): it goes through the same durable
   * pipeline as a client's edit and resolves once committed and broadcast.
   */
  change(change: (doc: Y.Doc) => void): Promise<void> {
    return new Promise((resolve, reject) => this.enqueue({ kind: 'server', change, resolve, reject }));
  }

  /** Runs `fn` on the committed state: after every change queued before it is durable. */
  read<T>(fn: (doc: Y.Doc) => T): Promise<T> {
    return new Promise((resolve, reject) =>
      this.enqueue({
        kind: 'read',
        run: () => {
          try {
            resolve(fn(this.doc));
          } catch (error) {
            reject(error);
          }
        },
        reject,
      }),
    );
  }

  /** Resolves when everything queued so far is committed (or failed). */
  async flushed(): Promise<void> {
    while (!this.isIdle) await this.drained;
  }

  /**
   * Drops the in-memory document after an unexpected error (never the process): every peer is
   * disconnected with a transient code and reloads the committed state from the database.
   */
  drop(error: unknown, reason: string): void {
    if (!this.failed) this.fail(error, [], reason);
  }

  /** Disconnects every peer (shutdown, eviction). */
  closeAll(code: number, reason: string): void {
    for (const peer of this.peers.keys()) {
      this.removePeer(peer);
      peer.close(code, reason);
    }
  }

  private enqueue(job: Job): void {
    if (this.failed) {
      job.reject?.(new Error('document unavailable'));
      return;
    }
    this.queue.push(job);
    if (!this.draining) this.drained = this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0 && !this.failed) {
        const batch = this.queue;
        this.queue = [];
        try {
          await this.runBatch(batch);
        } catch (error) {
          // Unexpected (not a failed commit, which runBatch handles): never an unhandled
          // rejection that would end the process; drop this document, clients reconnect.
          this.fail(error, batch);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private async runBatch(batch: Job[]): Promise<void> {
    const emitted: Uint8Array[] = [];
    const collect = (update: Uint8Array) => emitted.push(update);
    const serverErrors = new Map<Job, unknown>();
    this.doc.on('update', collect);
    try {
      for (const job of batch) {
        if (job.kind === 'update') this.integrate(job);
        else if (job.kind === 'server') {
          try {
            this.doc.transact(() => job.change(this.doc), COMMITTED);
          } catch (error) {
            serverErrors.set(job, error);
          }
          if (Y.getState(this.doc.store, this.doc.clientID) > 0) this.owners.claim(SERVER_OWNER, [this.doc.clientID]);
        }
      }
    } finally {
      this.doc.off('update', collect);
    }

    let merged: Uint8Array | undefined;
    const claims = this.owners.takeUnsaved();
    if (emitted.length > 0 || claims.length > 0) {
      merged = emitted.length === 0 ? undefined : emitted.length === 1 ? emitted[0]! : Y.mergeUpdates(emitted);
      try {
        // Owners first: committed content never exists without its owner on record.
        if (claims.length > 0) await this.guards.clientIds?.record(this.meetingId, claims);
        if (merged) await this.store.append(this.meetingId, merged);
      } catch (error) {
        this.fail(error, batch);
        return;
      }
      if (merged) this.broadcast(updateMessage(merged));
    }

    const savedPeers = new Set<Peer>();
    for (const job of batch) {
      if (job.kind === 'read') job.run();
      else if (job.kind === 'update') {
        const state = this.peers.get(job.peer);
        if (state && savedThrough(state, job.index) > state.saved) {
          state.saved = savedThrough(state, job.index);
          savedPeers.add(job.peer);
        }
      } else if (serverErrors.has(job)) job.reject(serverErrors.get(job));
      else job.resolve();
    }
    for (const peer of savedPeers) peer.send(savedMessage(this.peers.get(peer)!.saved));
    if (merged) for (const listener of this.committedListeners) listener(merged);
  }

  /** One peer update, checked and applied; a refused or broken one closes that peer. */
  private integrate(job: Extract<Job, { kind: 'update' }>): void {
    if (this.rejected.has(job.peer)) return;
    // A peer that has left still gets its update applied (it was sent).
    const author = this.peers.get(job.peer) ?? departedAuthor(ownerOf(job.peer));
    const result = integratePeerUpdate(this.doc, COMMITTED, this.owners, author, job.update, job.index, this.limits);
    if (result.ok) return;
    const { reason, error } = result;
    this.log.warn('collab.update_refused', { meetingId: this.meetingId, peer: job.peer.id, user: job.peer.userId, reason, error: error && String(error) });
    this.rejectPeer(job.peer, result.code, reason);
  }

  private rejectPeer(peer: Peer, code: number, reason: string): void {
    this.rejected.add(peer);
    this.removePeer(peer);
    peer.close(code, reason);
  }

  private fail(error: unknown, batch: Job[], reason = 'could not save; reconnect to resend'): void {
    this.failed = true;
    this.log.error('collab.commit_failed', { meetingId: this.meetingId, reason, error: String(error), stack: (error as Error)?.stack });
    for (const job of [...batch, ...this.queue]) job.reject?.(error);
    this.queue = [];
    this.closeAll(CloseCode.tryAgainLater, reason);
    for (const listener of this.failedListeners) listener();
    this.doc.destroy();
  }

  private broadcast(message: Uint8Array): void {
    for (const peer of this.peers.keys()) peer.send(message);
  }
}

function ownerOf(peer: Peer): string {
  return peer.userId ?? connectionOwner(peer.id);
}

function isEmptyUpdate(update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  return structs.length === 0 && ds.clients.size === 0;
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}
