import type * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { AuditEntry } from '../../../db/queries/auditLog.js';
import { DomainError } from '../errors.js';
import type { DocumentStore, HeldRows, LogPosition } from './documentStore.js';
import type { ClientFrame } from './frames.js';
import type { Logger } from '../logger.js';
import { validateDocument } from '../minutes/validation/documentCheck.js';
import { DamagedDocumentError } from './schemaGuard.js';
import { syncStep1Message } from './messages.js';
import { FullStateMessage } from './fullStateMessage.js';
import { ClientIdOwners, freshServerClientId, type ClientIdStore } from './clientIds.js';
import { peerLimits, type PeerLimits } from './peerLimits.js';
import { COMMITTED, CommitPipeline } from './commitPipeline.js';
import { PeerSet, type Peer } from './peerSet.js';
import { replayLog } from './replayLog.js';
import { holdsNothingNew } from './nothingNew.js';

export type { Peer } from './peerSet.js';

/**
 * A meeting's minutes in memory, with the connections editing them.
 *
 * Every change goes through one serial pipeline per document (commitPipeline.ts, group commit):
 * nothing is visible to anyone or acknowledged before it is committed. Logging exactly what the
 * doc emitted keeps the log replayable even when a client sent an update that Yjs could only
 * partly integrate. If a commit fails, the in-memory doc is discarded and every peer is
 * disconnected with a transient code: they reconnect, reload from the database and resend what
 * was not acknowledged. Nothing acknowledged is ever lost.
 *
 * Locking (approval) is a job in the same pipeline: everything queued before it is applied and
 * committed, everything after it is refused until an unlock job runs. So "locked" is a point in
 * the stream of edits, and whoever reads after the lock reads the final minutes.
 */
export class LiveDocument {
  readonly doc: Y.Doc;
  private readonly peers: PeerSet;
  private readonly pipeline: CommitPipeline;
  private readonly committedListeners = new Set<(update: Uint8Array) => void>();
  private readonly fromLogListeners = new Set<(update: Uint8Array) => void>();
  private readonly failedListeners = new Set<() => void>();
  /** Settles when the client ids announced in presence so far are on record (announcementsRecorded). */
  private announced: Promise<void> = Promise.resolve();
  /** Lock switches of this process in progress (switchingLock). */
  private lockSwitches = 0;
  /** The log held content that could not be placed when loaded: left out of `doc` (see load). */
  private droppedContent = false;
  private readonly fullState: FullStateMessage;

  private constructor(
    readonly meetingId: string,
    store: DocumentStore,
    private readonly log: Logger,
    private readonly owners: ClientIdOwners,
    options: LoadOptions & { locked: boolean },
    doc: Y.Doc,
    position: number,
    builtFrom: Uint8Array | null,
  ) {
    const limits = options.limits ?? peerLimits();
    this.doc = doc;
    this.fullState = new FullStateMessage(doc, builtFrom);
    this.peers = new PeerSet(this.doc, owners, limits, (error) => this.drop(error, 'could not relay presence'));
    this.pipeline = new CommitPipeline(
      {
        meetingId,
        doc: this.doc,
        peers: this.peers,
        owners,
        store,
        clientIds: options.clientIds,
        limits,
        log,
        committed: (update) => {
          for (const listener of this.committedListeners) listener(update);
        },
        stale: options.stale,
        appliedFromLog: (update) => {
          for (const listener of this.fromLogListeners) listener(update);
        },
        failed: (_error, code, reason) => {
          this.peers.closeAll(code, reason);
          for (const listener of this.failedListeners) listener();
          this.doc.destroy();
        },
      },
      options.locked,
      position,
    );
  }

  /** Loads the document from its log. Throws if the log cannot be read or applied: never an empty doc. */
  static async load(meetingId: string, store: DocumentStore, log: Logger, options: LoadOptions = { locked: false }): Promise<LiveDocument> {
    let live: LiveDocument | undefined;
    const doc = new Y.Doc({ gc: true });
    try {
      // Read side by side: each is a round trip to the database before the first sync answer.
      // The log is replayed part by part as it arrives (a long log: the next part is read meanwhile).
      // A log of one row (compacted) is the document's state as it stands: its first answer.
      let rows = 0;
      let onlyRow: Uint8Array | null = null;
      const [position, owners, locked] = await Promise.all([
        store.open(meetingId, (updates) => {
          rows += updates.length;
          onlyRow = rows === 1 ? updates[0]! : null;
          replayLog(doc, updates, COMMITTED);
        }),
        options.clientIds?.load(meetingId) ?? [],
        options.locked,
      ]);
      // Content left pending is dropped below: the row would then hold more than the document.
      const pending = !!doc.store.pendingStructs || !!doc.store.pendingDs;
      live = new LiveDocument(meetingId, store, log, new ClientIdOwners(owners), { ...options, locked }, doc, position, pending ? null : onlyRow);
      if (pending) {
        // Written before unintegrable content was held back: it stays in the log, harmless, but
        // must not be mistaken later for part of a client's update.
        log.warn('collab.stored_pending_content', { meetingId });
        live.droppedContent = true;
        live.doc.store.pendingStructs = null;
        live.doc.store.pendingDs = null;
      }
      // Never served half-broken: a stored document that is not valid minutes is refused whole.
      const problem = validateDocument(live.doc);
      if (problem) throw new DamagedDocumentError(problem);
      freshServerClientId(live.doc, live.owners);
    } catch (error) {
      log.error('collab.load_failed', { meetingId, error: String(error) });
      doc.destroy();
      throw new DomainError('unavailable', 'The stored minutes could not be loaded. Nothing was changed; try again later.', undefined, undefined, { code: 'minutes_unavailable' });
    }
    return live;
  }

  get awareness(): awarenessProtocol.Awareness {
    return this.peers.awareness;
  }

  get peerCount(): number {
    return this.peers.size;
  }

  get isFailed(): boolean {
    return this.pipeline.isFailed;
  }

  /** Whether the last lock job that ran locked the minutes (approved). */
  get isLocked(): boolean {
    return this.pipeline.locked;
  }

  /** True when no job is queued or running: everything received is committed. */
  get isIdle(): boolean {
    return this.pipeline.isIdle;
  }

  onCommitted(listener: (update: Uint8Array) => void): () => void {
    this.committedListeners.add(listener);
    return () => this.committedListeners.delete(listener);
  }

  /** Content another server process committed, once applied here (projections follow it too). */
  onAppliedFromLog(listener: (update: Uint8Array) => void): () => void {
    this.fromLogListeners.add(listener);
    return () => this.fromLogListeners.delete(listener);
  }

  onFailed(listener: () => void): void {
    this.failedListeners.add(listener);
  }

  addPeer(peer: Peer): void {
    this.peers.add(peer);
    // Start the handshake from the committed state: queued behind any commit in flight.
    this.pipeline.enqueue({ kind: 'read', run: () => peer.send(syncStep1Message(this.doc)) });
    this.peers.sendPresence(peer);
  }

  removePeer(peer: Peer): void {
    this.peers.remove(peer);
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
    this.pipeline.enqueue({ kind: 'read', run: () => peer.send(this.fullState.answer(stateVector)) });
  }

  receiveUpdate(peer: Peer, update: Uint8Array): void {
    const state = this.peers.get(peer);
    if (!state) return;
    if (peer.readOnly) {
      // Every read-only client answers the handshake with a sync step 2 that holds nothing new
      // (its delete set only): not worth a log line.
      if (!holdsNothingNew(this.doc, update)) {
        this.log.warn('collab.readonly_update_dropped', { meetingId: this.meetingId, peer: peer.id, bytes: update.byteLength });
      }
      return;
    }
    state.received++;
    this.pipeline.enqueue({ kind: 'update', peer, update, seq: state.received });
  }

  /** Applies what of an awareness update this peer may set; throws PeerRefusal for bad input. */
  receiveAwareness(peer: Peer, update: Uint8Array): void {
    if (!this.peers.has(peer)) return;
    this.peers.receiveAwareness(peer, update);
    // A newly announced client id is claimed: a batch (with nothing else to do) records it.
    if (this.owners.hasUnsaved) {
      this.announced = new Promise<void>((resolve) => this.pipeline.enqueue({ kind: 'read', run: resolve, reject: () => resolve() }));
    }
  }

  /**
   * Resolves once every client id announced in presence until now is on record (or the document
   * failed): what another process may be told of. A member there who saw an id before its
   * record could write under it first and become its owner on record (clientIds.ts).
   */
  async announcementsRecorded(): Promise<void> {
    for (let waited: Promise<void> | undefined; waited !== this.announced; ) {
      waited = this.announced;
      await waited;
    }
  }

  answerAwarenessQuery(peer: Peer): void {
    this.peers.answerAwarenessQuery(peer);
  }

  /**
   * A server-side change (template, status from the tracker): it goes through the same durable
   * pipeline as a client's edit and resolves once committed and broadcast. The audit entry it
   * returns is committed with what it changed, in the same transaction.
   */
  change(change: (doc: Y.Doc) => AuditEntry | void): Promise<void> {
    return new Promise((resolve, reject) => this.pipeline.enqueue({ kind: 'server', change, resolve, reject }));
  }

  /**
   * Locks (or unlocks) the minutes at this point of the pipeline. Resolves once everything queued
   * before it is committed; from then on client updates are dropped unacknowledged and server
   * changes are refused, until `setLocked(false)` runs the same way.
   */
  setLocked(locked: boolean): Promise<void> {
    return new Promise((resolve, reject) => this.pipeline.enqueue({ kind: 'lock', locked, resolve, reject }));
  }

  /** Another server process committed the row `position` of this meeting's log (`update`: its bytes, when the notice carried them). */
  heard(position: number, update?: Uint8Array): void {
    this.pipeline.heard(position, update);
  }

  /**
   * Resolves once every row committed anywhere before the call is applied (and broadcast).
   * With `lockedInDatabase`, the lock becomes what the database has too, at that point of the
   * pipeline: for a process that may have missed another's lock notices (see clusterDocuments).
   * Not while this process switches the lock itself (switchingLock): its lock is in the pipeline
   * before it is in the database.
   */
  catchUp(lockedInDatabase?: () => Promise<boolean>): Promise<void> {
    const locked = lockedInDatabase && (async () => (this.lockSwitches > 0 ? undefined : lockedInDatabase()));
    return new Promise((resolve, reject) => this.pipeline.enqueue({ kind: 'catchUp', resolve, reject, lockedInDatabase: locked }));
  }

  /** Runs `fn`, which locks or unlocks the minutes here and in the database (minutesLock.ts). */
  async switchingLock<T>(fn: () => Promise<T>): Promise<T> {
    this.lockSwitches++;
    try {
      return await fn();
    } finally {
      this.lockSwitches--;
    }
  }

  /** Runs `fn` on the committed state: after every change queued before it is durable. */
  read<T>(fn: (doc: Y.Doc) => T): Promise<T> {
    return new Promise((resolve, reject) =>
      this.pipeline.enqueue({
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

  /**
   * The committed state and the rows of the log it holds, taken at one point of the pipeline:
   * what compaction replaces those rows by (encoding the state is a few milliseconds where
   * replaying the log was hundreds).
   */
  held(): Promise<HeldRows> {
    return this.read((doc) => {
      // Such content stays in the log (harmless there); compacting from this doc would drop it.
      if (this.droppedContent) throw new Error('the document does not hold all of its log: content of it could not be placed');
      return { ...this.pipeline.held(), update: Y.encodeStateAsUpdate(doc) };
    });
  }

  /** The row `position` was made of this document's state (held): it is not read back. */
  compactedTo(position: LogPosition): void {
    this.pipeline.holds(position);
  }

  /** Resolves when everything queued so far is committed (or failed). */
  flushed(): Promise<void> {
    return this.pipeline.flushed();
  }

  /**
   * Drops the in-memory document after an unexpected error (never the process): every peer is
   * disconnected with a transient code and reloads the committed state from the database.
   */
  drop(error: unknown, reason: string): void {
    this.pipeline.fail(error, [], reason);
  }

  /** Disconnects every peer (shutdown, eviction). */
  closeAll(code: number, reason: string): void {
    this.peers.closeAll(code, reason);
  }
}

export interface LoadOptions extends PeerGuards {
  /** The minutes are approved: the pipeline starts locked (read while the log is). */
  locked: boolean | Promise<boolean>;
  /** True while notices of other processes' commits may be missed (see LogFollower). */
  stale?: () => boolean;
}

/** What a document needs to check its peers: where client-id owners are kept, and the limits. */
export interface PeerGuards {
  clientIds?: ClientIdStore;
  limits?: PeerLimits;
}
