import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { DomainError } from '../errors.js';
import type { DocumentStore } from './documentStore.js';
import type { ClientFrame } from './frames.js';
import type { Logger } from '../logger.js';
import { encodeSavedMessage as savedMessage } from '../../../shared/collab/protocol.js';
import { validateDocument, type Problem } from '../minutes/validation/documentCheck.js';
import { minutesRules } from '../minutes/validation/schemaRules.js';
import { applyValidUpdate, checkedChange, DamagedDocumentError } from './schemaGuard.js';
import { awarenessMessage, syncStep1Message, syncStep2Message, updateMessage } from './messages.js';
import { AwarenessGuard } from './awarenessGuard.js';
import { ClientIdOwners, connectionOwner, freshServerClientId, SERVER_OWNER, type ClientIdStore } from './clientIds.js';
import { integratePeerUpdate, type UpdateAuthor } from './integrateUpdate.js';
import { peerLimits, PeerRefusal, type PeerLimits } from './peerLimits.js';
import { WaitingContent } from './waitingContent.js';

/** One websocket (or other transport) attached to a document. */
export interface Peer {
  readonly id: string;
  /** Who is connected: owns the Yjs client ids it writes under (without one: this connection). */
  readonly userId?: string | null;
  /** Observers and locked minutes: sync and awareness are served, updates are dropped. */
  readonly readOnly: boolean;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

type Job =
  | { kind: 'update'; peer: Peer; update: Uint8Array; seq: number; reject?: undefined }
  | { kind: 'read'; run: () => void; reject?: (e: unknown) => void }
  | { kind: 'server'; change: (doc: Y.Doc) => void; resolve: () => void; reject: (e: unknown) => void }
  | { kind: 'lock'; locked: boolean; resolve: () => void; reject: (e: unknown) => void };

/**
 * Per connection: what it sent that Yjs could not integrate yet (`waiting`: it depends on content
 * the connection has not sent yet, e.g. typing that arrives before the offline edits it follows)
 * is kept out of the shared doc: neither stored, nor relayed, nor counted as saved until the
 * rest arrives and it integrates. `owner` and `claimed`: see clientIds.ts.
 */
interface PeerState extends UpdateAuthor {
  /** Update messages received on this connection, and how many of them are durable. */
  received: number;
  saved: number;
  /** Messages up to this one are wholly in the doc (no part of them is still waiting). */
  integrated: number;
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
 *
 * Locking (approval) is a job in the same pipeline: everything queued before it is applied and
 * committed, everything after it is refused until an unlock job runs. So "locked" is a point in
 * the stream of edits, and whoever reads after the lock reads the final minutes.
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
  private locked: boolean;
  private readonly committedListeners = new Set<(update: Uint8Array) => void>();
  private readonly failedListeners = new Set<() => void>();
  private readonly limits: PeerLimits;
  private readonly awarenessGuard: AwarenessGuard<Peer>;

  private constructor(
    readonly meetingId: string,
    private readonly store: DocumentStore,
    private readonly log: Logger,
    private readonly owners: ClientIdOwners,
    private readonly options: LoadOptions,
  ) {
    this.locked = options.locked;
    this.limits = options.limits ?? peerLimits();
    this.doc = new Y.Doc({ gc: true });
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
  static async load(meetingId: string, store: DocumentStore, log: Logger, options: LoadOptions = { locked: false }): Promise<LiveDocument> {
    let live: LiveDocument | undefined;
    try {
      const [updates, owners] = await Promise.all([store.load(meetingId), options.clientIds?.load(meetingId) ?? []]);
      live = new LiveDocument(meetingId, store, log, new ClientIdOwners(owners), options);
      if (updates.length > 0) Y.applyUpdate(live.doc, Y.mergeUpdates(updates), COMMITTED);
      if (live.doc.store.pendingStructs || live.doc.store.pendingDs) {
        // Written before unintegrable content was held back: it stays in the log, harmless, but
        // must not be mistaken later for part of a client's update.
        log.warn('collab.stored_pending_content', { meetingId });
        live.doc.store.pendingStructs = null;
        live.doc.store.pendingDs = null;
      }
      // Never served half-broken: a stored document that is not valid minutes is refused whole.
      const problem = validateDocument(live.doc);
      if (problem) throw new DamagedDocumentError(problem);
      freshServerClientId(live.doc, live.owners);
    } catch (error) {
      log.error('collab.load_failed', { meetingId, error: String(error) });
      live?.doc.destroy();
      throw new DomainError('unavailable', 'The stored minutes could not be loaded. Nothing was changed; try again later.', undefined, undefined, { code: 'minutes_unavailable' });
    }
    return live;
  }

  get peerCount(): number {
    return this.peers.size;
  }

  get isFailed(): boolean {
    return this.failed;
  }

  /** Whether the last lock job that ran locked the minutes (approved). */
  get isLocked(): boolean {
    return this.locked;
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
    this.peers.set(peer, { received: 0, saved: 0, integrated: 0, owner: ownerOf(peer), waiting: new WaitingContent(), claimed: 0 });
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

  /** One decoded client frame (see frames.ts: nothing reaches here that did not decode). */
  receive(peer: Peer, frame: ClientFrame): void {
    switch (frame.kind) {
      case 'syncStep1':
        return this.receiveSyncStep1(peer, frame.stateVector);
      case 'update':
        return this.receiveUpdate(peer, frame.update);
      case 'awareness':
        return this.receiveAwareness(peer, frame.update);
      case 'queryAwareness':
        return this.answerAwarenessQuery(peer);
    }
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
    this.enqueue({ kind: 'update', peer, update, seq: state.received });
  }

  /** Applies what of an awareness update this peer may set; throws PeerRefusal for bad input. */
  receiveAwareness(peer: Peer, update: Uint8Array): void {
    if (!this.peers.has(peer)) return;
    this.awarenessGuard.receive(peer, ownerOf(peer), update);
    // A newly announced client id is claimed: a batch (with nothing else to do) records it.
    if (this.owners.hasUnsaved) this.enqueue({ kind: 'read', run: () => {} });
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

  /**
   * Locks (or unlocks) the minutes at this point of the pipeline. Resolves once everything queued
   * before it is committed; from then on client updates are dropped unacknowledged and server
   * changes are refused, until `setLocked(false)` runs the same way.
   */
  setLocked(locked: boolean): Promise<void> {
    return new Promise((resolve, reject) => this.enqueue({ kind: 'lock', locked, resolve, reject }));
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
        if (job.kind === 'lock') {
          this.locked = job.locked;
        } else if (job.kind === 'update' && this.locked) {
          // Sent after the approval point: not part of the minutes, never acknowledged. The
          // connection ends here (its "saved" count could not stay honest past a dropped
          // message); it comes back read-only and the client drops what was not confirmed.
          this.log.info('collab.locked_update_dropped', { meetingId: this.meetingId, peer: job.peer.id });
          if (this.peers.has(job.peer)) {
            this.removePeer(job.peer);
            job.peer.close(CloseCode.serverRestart, 'The minutes were approved and locked.');
          }
        } else if (job.kind === 'update') {
          const state = this.peers.get(job.peer);
          if (!state) continue; // closed while queued: its client resends what was not saved
          try {
            this.integrate(state, job);
          } catch (error) {
            if (error instanceof DamagedDocumentError) throw error;
            const refusal = error instanceof PeerRefusal ? error : new PeerRefusal(CloseCode.malformedMessage, 'update could not be applied');
            const { meetingId } = this;
            this.log.warn('collab.update_rejected', { meetingId, peer: job.peer.id, user: job.peer.userId, reason: refusal.message, error: String(error) });
            this.rejectPeer(job.peer, refusal.code, refusal.message);
          }
        } else if (job.kind === 'server' && this.locked) {
          serverErrors.set(job, new DomainError('locked', 'The minutes are approved and locked.', undefined, undefined, { code: 'minutes_locked' }));
        } else if (job.kind === 'server') {
          let problem: Problem | null = null;
          try {
            problem = checkedChange(this.doc, () => this.doc.transact(() => job.change(this.doc), COMMITTED), minutesRules());
          } catch (error) {
            serverErrors.set(job, error);
          }
          // A server change is trusted code: an invalid result is a bug, and is not committed.
          if (problem) throw new DamagedDocumentError(problem);
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
        // Committed content never exists without its owner on record: stored together.
        if (merged) await this.store.append(this.meetingId, merged, claims);
        else await this.options.clientIds?.record(this.meetingId, claims);
      } catch (error) {
        this.fail(error, batch);
        return;
      }
      if (merged) this.broadcast(updateMessage(merged));
    }

    // Acknowledgements first: reads queued in the batch (sync answers, exports) may take long,
    // and a peer's flood of sync requests must not delay anyone's "saved".
    for (const job of batch) {
      if (job.kind !== 'update') continue;
      const state = this.peers.get(job.peer);
      if (state && state.integrated > state.saved) {
        state.saved = state.integrated;
        job.peer.send(savedMessage(state.saved));
      }
    }
    let reads = 0;
    for (const job of batch) {
      if (job.kind === 'read') {
        // Between two reads (each may encode or render the whole document), let the event loop
        // serve everyone else: the document cannot change meanwhile, only this pipeline does that.
        if (reads++ > 0) await new Promise((resolve) => setTimeout(resolve, 0));
        if (this.failed) job.reject?.(new Error('document unavailable'));
        else job.run();
      } else if (job.kind === 'lock') job.resolve();
      else if (job.kind === 'server') {
        if (serverErrors.has(job)) job.reject(serverErrors.get(job));
        else job.resolve();
      }
    }
    if (merged) for (const listener of this.committedListeners) listener(merged);
  }

  /**
   * Applies a client's update if its author may write it (client ids, see clientIds.ts); what
   * Yjs cannot integrate yet goes to the connection's waiting content (Yjs would keep it pending
   * in the doc, include it in every state it encodes, and let it land later in a commit that
   * nobody is told about). Throws PeerRefusal, or DamagedDocumentError (see applyChecked).
   */
  private integrate(state: PeerState, job: Extract<Job, { kind: 'update' }>): void {
    integratePeerUpdate(this.doc, this.owners, state, job.update, this.limits, (update, v2) => this.applyChecked(job.peer, update, v2));
    if (state.waiting.empty) state.integrated = job.seq;
  }

  /**
   * Applies only if the minutes stay valid (schemaGuard.ts): an invalid update is refused
   * (PeerRefusal 4400) and nothing of it is applied. Should the document turn invalid all the
   * same, this throws DamagedDocumentError: the batch is not committed and the document is dropped.
   */
  private applyChecked(peer: Peer, update: Uint8Array, v2: boolean): void {
    const result = applyValidUpdate(this.doc, update, { v2, origin: COMMITTED }, minutesRules());
    if (result.kind === 'applied') return;
    const { message, client, clock } = result.problem;
    this.log.warn('collab.update_invalid', { meetingId: this.meetingId, peer: peer.id, problem: message, item: `${client}:${clock}`, applied: result.kind === 'damaged' });
    if (result.kind === 'refused') throw new PeerRefusal(CloseCode.malformedMessage, `update rejected: ${message}`);
    if (result.ownStruct) this.rejectPeer(peer, CloseCode.malformedMessage, `update rejected: ${message}`);
    throw new DamagedDocumentError(result.problem);
  }

  private rejectPeer(peer: Peer, code: number, reason: string): void {
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

export interface LoadOptions extends PeerGuards {
  /** The minutes are approved: the pipeline starts locked. */
  locked: boolean;
}

/** What a document needs to check its peers: where client-id owners are kept, and the limits. */
export interface PeerGuards {
  clientIds?: ClientIdStore;
  limits?: PeerLimits;
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}
