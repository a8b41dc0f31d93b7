import * as Y from 'yjs';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { encodeSavedMessage as savedMessage } from '../../../shared/collab/protocol.js';
import { DomainError } from '../errors.js';
import type { Problem } from '../minutes/validation/documentCheck.js';
import { minutesRules } from '../minutes/validation/schemaRules.js';
import { SERVER_OWNER } from './clientIds.js';
import { MinutesLockedError } from './documentStore.js';
import { integratePeerUpdate } from './integrateUpdate.js';
import { LogFollower, type FollowerHost } from './logFollower.js';
import { updateMessage } from './messages.js';
import { PeerRefusal, type PeerLimits } from './peerLimits.js';
import type { Peer, PeerState } from './peerSet.js';
import { DamagedDocumentError, GuardedBatch } from './schemaGuard.js';
import { forWaitingRequest, notSaved } from './unsaved.js';

export type Job =
  | { kind: 'update'; peer: Peer; update: Uint8Array; seq: number; reject?: undefined }
  | { kind: 'read'; run: () => void; reject?: (e: unknown) => void }
  | { kind: 'server'; change: (doc: Y.Doc) => void; resolve: () => void; reject: (e: unknown) => void }
  | { kind: 'lock'; locked: boolean; resolve: () => void; reject: (e: unknown) => void }
  | {
      kind: 'catchUp';
      resolve: () => void;
      reject: (e: unknown) => void;
      /** Also the lock as the database has it when the job runs (undefined: leave it). */
      lockedInDatabase?: () => Promise<boolean | undefined>;
      /** What lockedInDatabase read, set at this point of the batch. */
      locked?: boolean;
    };

/** Origin of changes that went through the commit pipeline (as opposed to awareness etc.). */
export const COMMITTED = Symbol('committed');

/** What the pipeline works on: the document of one meeting, its peers and where it is stored. */
export interface PipelineHost extends FollowerHost {
  readonly limits: PeerLimits;
  /** True while notices of others' commits may be missed: read the log before serving. */
  stale?(): boolean;
  /** A batch's merged update was committed and broadcast. */
  committed(update: Uint8Array): void;
  /** The pipeline failed (once): disconnect everyone with `code` and drop the document. */
  failed(error: unknown, code: number, reason: string): void;
}

/**
 * The serial pipeline of one document (group commit). A batch takes all jobs queued while the
 * previous commit ran: updates are applied to the Y.Doc, the doc's own resulting update is
 * appended to the log in ONE transaction, and only when that commit has succeeded is anything
 * made visible: the update is broadcast, reads queued in the batch (sync answers) are served and
 * senders are told how many of their messages are durable ("saved"). A lock job is a point in
 * the same stream: updates after it are refused until an unlock job runs.
 */
export class CommitPipeline {
  private queue: Job[] = [];
  private draining = false;
  /** A drain is due at the end of this turn of the event loop. */
  private scheduled = false;
  /** The current drain loop; settles when the queue is empty. */
  private drained: Promise<void> = Promise.resolve();
  private failedAlready = false;
  private readonly follower: LogFollower;

  constructor(
    private readonly host: PipelineHost,
    /** Whether the last lock job that ran locked the minutes (approved). */
    public locked: boolean,
    /** The log position the document was loaded at. */
    position: number,
  ) {
    this.follower = new LogFollower(host, position, () => {
      // An unloaded document (destroyed) has nobody left to tell. A failure (of a read, or of
      // applying what was read) drops the document through a batch, like a failed commit.
      if (this.failedAlready || host.doc.isDestroyed) return;
      if (this.follower.failed) return this.kick();
      try {
        this.follower.applyRead();
      } catch {
        this.kick(); // the follower keeps the failure: the batch throws it again
      }
    });
  }

  /**
   * Another process committed the row `position` (its bytes come with the notice if they fit):
   * applied now if they came, else read now and applied as soon as read. Not between batches:
   * the apply phase of a batch is synchronous, and what others committed may be shown at once.
   */
  heard(position: number, update?: Uint8Array): void {
    if (!this.failedAlready && !this.host.doc.isDestroyed) this.follower.heard(position, update);
  }

  get isFailed(): boolean {
    return this.failedAlready;
  }

  /** True when no job is queued or running: everything received is committed. */
  get isIdle(): boolean {
    return !this.draining && !this.scheduled && this.queue.length === 0;
  }

  enqueue(job: Job): void {
    if (this.failedAlready) {
      job.reject?.(notSaved());
      return;
    }
    this.queue.push(job);
    this.kick();
  }

  /**
   * Starts a drain after the messages already read in this turn of the event loop are queued
   * too (setImmediate runs after the poll phase that delivered them): under load one batch,
   * one commit and one broadcast serve many keystrokes, where starting at the first message
   * made a commit and a broadcast to every peer of nearly each keystroke alone.
   */
  private kick(): void {
    if (this.draining || this.scheduled) return;
    this.scheduled = true;
    this.drained = new Promise<void>((resolve) =>
      setImmediate(() => {
        this.scheduled = false;
        void this.drain().then(resolve);
      }),
    );
  }

  /** Resolves when everything queued so far is committed (or failed). */
  async flushed(): Promise<void> {
    while (!this.isIdle) await this.drained;
  }

  /** Rejects every job of `batch` and the queue, and lets the host drop the document. */
  fail(error: unknown, batch: Job[], reason = 'could not save; reconnect to resend', code: number = CloseCode.tryAgainLater): void {
    if (this.failedAlready) return;
    this.failedAlready = true;
    this.host.log.error('collab.commit_failed', { meetingId: this.host.meetingId, reason, error: String(error), stack: (error as Error)?.stack });
    for (const job of [...batch, ...this.queue]) job.reject?.(forWaitingRequest(error));
    this.queue = [];
    this.host.failed(error, code, reason);
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while ((this.queue.length > 0 || this.follower.ready) && !this.failedAlready) {
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
    const { doc, peers, owners, store, meetingId } = this.host;
    const emitted: Uint8Array[] = [];
    const collect = (update: Uint8Array) => emitted.push(update);
    const serverErrors = new Map<Job, unknown>();
    // Others' commits first, while the doc holds nothing uncommitted: what was read of them
    // already, or (a lock, a listener that may have missed notices) the log read now.
    const mustRead = batch.some((j) => j.kind === 'catchUp' || (j.kind === 'read' && this.host.stale?.()));
    try {
      if (mustRead) {
        await this.follower.catchUp();
        // Read when the job runs: a lock notice heard before it is in what it reads, one heard
        // after it is queued after it.
        for (const job of batch) if (job.kind === 'catchUp' && job.lockedInDatabase) job.locked = await job.lockedInDatabase();
      } else this.follower.applyRead();
    } catch (error) {
      this.fail(error, batch, 'could not read the minutes; reconnect');
      return;
    }
    const guard = new GuardedBatch<Peer>(doc, minutesRules());
    doc.on('update', collect);
    try {
      const problem = this.applyAll(batch, serverErrors, guard);
      if (problem) this.damaged(problem, guard);
    } finally {
      doc.off('update', collect);
    }

    let merged: Uint8Array | undefined;
    const claims = owners.takeUnsaved();
    if (emitted.length > 0 || claims.length > 0) {
      merged = emitted.length === 0 ? undefined : emitted.length === 1 ? emitted[0]! : Y.mergeUpdates(emitted);
      try {
        // Committed content never exists without its owner on record: stored together.
        if (merged) {
          const draftOnly = batch.some((job) => job.kind === 'update' && job.peer.draftOnly === true);
          this.follower.appended(await store.append(meetingId, merged, claims, draftOnly));
        } else await this.host.clientIds?.record(meetingId, claims);
      } catch (error) {
        // Locked (or circulated, with a delegate's writes) by another process before this one
        // heard of it: nothing here was saved.
        if (error instanceof MinutesLockedError) {
          this.fail(new DomainError('locked', error.message, undefined, undefined, { code: 'minutes_locked' }), batch, error.message, CloseCode.serverRestart);
        } else {
          // Also a client id claimed on another process first (ClientIdTakenError): reloaded,
          // the document knows the owner on record and refuses the claimant alone (4403).
          this.fail(error, batch);
        }
        return;
      }
    }

    // Acknowledgements first, a few messages: the broadcast writes to every peer (200 peers:
    // about 2 ms, which every "saved" waited for behind it), and reads queued in the batch (sync
    // answers, exports) may take long: a peer's flood of sync requests must not delay anyone's "saved".
    for (const job of batch) {
      if (job.kind !== 'update') continue;
      const state = peers.get(job.peer);
      if (state && state.integrated > state.saved) {
        state.saved = state.integrated;
        job.peer.send(savedMessage(state.saved));
      }
    }
    // The author of everything a batch changed has it already: its "saved" is all it needs.
    if (merged) peers.broadcast(updateMessage(merged), emitted.length === 1 ? soleAuthor(batch) : undefined);
    let reads = 0;
    for (const job of batch) {
      if (job.kind === 'read') {
        // Between two reads (each may encode or render the whole document), let the event loop
        // serve everyone else: the document cannot change meanwhile, only this pipeline does that.
        if (reads++ > 0) await new Promise((resolve) => setTimeout(resolve, 0));
        if (this.failedAlready) job.reject?.(new Error('document unavailable'));
        else job.run();
      } else if (job.kind === 'lock' || job.kind === 'catchUp') job.resolve();
      else if (job.kind === 'server') {
        if (serverErrors.has(job)) job.reject(serverErrors.get(job));
        else job.resolve();
      }
    }
    if (merged) this.host.committed(merged);
  }

  /**
   * The apply phase of a batch: each run of jobs between server changes in one transaction,
   * each server change in one of its own. (Yjs takes a transaction that is not local, as one
   * applying a client's update is, and that writes under the document's own client id, as a
   * server change does, for a clash of ids, and changes the id.) Returns the first problem
   * of what was integrated; the jobs after it are not applied.
   */
  private applyAll(batch: Job[], serverErrors: Map<Job, unknown>, guard: GuardedBatch<Peer>): Problem | null {
    for (let start = 0; start < batch.length; ) {
      let end = start + 1;
      if (batch[start]!.kind !== 'server') while (end < batch.length && batch[end]!.kind !== 'server') end++;
      const jobs = batch.slice(start, end);
      const changes = () => {
        for (const job of jobs) this.apply(job, serverErrors, guard);
      };
      // Reads (sync answers) and locks change nothing: no transaction to pay for.
      const problem = jobs.some((j) => j.kind === 'update' || j.kind === 'server') ? guard.run(changes, COMMITTED) : (changes(), null);
      if (problem) return problem;
      start = end;
    }
    return null;
  }

  /**
   * What the batch integrated is not valid minutes (content an update's check could not see,
   * e.g. items that waited for a dependency; or a server change, which is trusted code: a bug).
   * Yjs cannot take it back, so nothing of the batch is committed: DamagedDocumentError drops
   * the document and its peers reconnect and resend. The sender of the item is refused first,
   * so that it does not send it again.
   */
  private damaged(problem: Problem, guard: GuardedBatch<Peer>): never {
    const { peers, log, meetingId } = this.host;
    const { message, client, clock } = problem;
    const authors = guard.authorsOf(problem);
    log.warn('collab.update_invalid', { meetingId, peers: authors.map((p) => p.id), problem: message, item: `${client}:${clock}`, applied: true });
    for (const peer of authors) if (peers.has(peer)) peers.reject(peer, CloseCode.malformedMessage, `update rejected: ${message}`);
    throw new DamagedDocumentError(problem);
  }

  /** The apply phase of one job, inside the batch's transaction: nothing of it is visible until the batch is committed. */
  private apply(job: Job, serverErrors: Map<Job, unknown>, guard: GuardedBatch<Peer>): void {
    const { doc, peers, owners, log, meetingId } = this.host;
    if (job.kind === 'lock') {
      this.locked = job.locked;
    } else if (job.kind === 'catchUp') {
      if (job.locked !== undefined) this.locked = job.locked;
    } else if (job.kind === 'update' && this.locked) {
      // Sent after the approval point: not part of the minutes, never acknowledged. The
      // connection ends here (its "saved" count could not stay honest past a dropped
      // message); it comes back read-only and the client drops what was not confirmed.
      log.info('collab.locked_update_dropped', { meetingId, peer: job.peer.id });
      if (peers.has(job.peer)) peers.reject(job.peer, CloseCode.serverRestart, 'The minutes were approved and locked.');
    } else if (job.kind === 'update') {
      const state = peers.get(job.peer);
      if (!state) return; // closed while queued: its client resends what was not saved
      try {
        this.integrate(state, job, guard);
      } catch (error) {
        const refusal = error instanceof PeerRefusal ? error : new PeerRefusal(CloseCode.malformedMessage, 'update could not be applied');
        log.warn('collab.update_rejected', { meetingId, peer: job.peer.id, user: job.peer.userId, reason: refusal.message, error: String(error) });
        peers.reject(job.peer, refusal.code, refusal.message);
      }
    } else if (job.kind === 'server' && this.locked) {
      serverErrors.set(job, new DomainError('locked', 'The minutes are approved and locked.', undefined, undefined, { code: 'minutes_locked' }));
    } else if (job.kind === 'server') {
      try {
        job.change(doc);
      } catch (error) {
        serverErrors.set(job, error);
      }
      if (Y.getState(doc.store, doc.clientID) > 0) owners.claim(SERVER_OWNER, [doc.clientID]);
    }
  }

  /**
   * Applies a client's update if its author may write it (client ids, see clientIds.ts); what
   * Yjs cannot integrate yet goes to the connection's waiting content (Yjs would keep it pending
   * in the doc, include it in every state it encodes, and let it land later in a commit that
   * nobody is told about). Throws PeerRefusal.
   */
  private integrate(state: PeerState, job: Extract<Job, { kind: 'update' }>, guard: GuardedBatch<Peer>): void {
    const { doc, owners, limits } = this.host;
    integratePeerUpdate(doc, owners, state, job.update, limits, (update, v2) => this.applyChecked(job.peer, update, v2, guard));
    if (state.waiting.empty) state.integrated = job.seq;
  }

  /**
   * Applies only if the minutes stay valid (schemaGuard.ts): an invalid update is refused
   * (PeerRefusal 4400) and nothing of it is applied. What it let in all the same is found when
   * the batch's transaction ends (see damaged).
   */
  private applyChecked(peer: Peer, update: Uint8Array, v2: boolean, guard: GuardedBatch<Peer>): void {
    const problem = guard.apply(peer, update, v2);
    if (!problem) return;
    const { log, meetingId } = this.host;
    log.warn('collab.update_invalid', { meetingId, peer: peer.id, problem: problem.message, item: `${problem.client}:${problem.clock}`, applied: false });
    throw new PeerRefusal(CloseCode.malformedMessage, `update rejected: ${problem.message}`);
  }
}

/**
 * The one peer whose updates are all the batch changed (no server change in it), if there is
 * one. With a single update emitted this is exactly what that peer sent: Yjs's own clean-up
 * after a remote edit (formatting) would have been a second transaction, and another peer's
 * waiting content is only retried with that peer's own updates.
 */
function soleAuthor(batch: Job[]): Peer | undefined {
  let author: Peer | undefined;
  for (const job of batch) {
    if (job.kind === 'server') return undefined;
    if (job.kind !== 'update') continue;
    if (author && job.peer !== author) return undefined;
    author = job.peer;
  }
  return author;
}
