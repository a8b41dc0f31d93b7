import * as Y from 'yjs';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { encodeSavedMessage as savedMessage } from '../../../shared/collab/protocol.js';
import { DomainError } from '../errors.js';
import { minutesRules } from '../minutes/validation/schemaRules.js';
import { applyBatch, refuseDamaged, type ServerOutcomes } from './applyBatch.js';
import { MinutesLockedError, type LogPosition } from './documentStore.js';
import { LogFollower } from './logFollower.js';
import { updateMessage } from './messages.js';
import type { Peer } from './peerSet.js';
import type { Job, PipelineHost } from './pipelineJobs.js';
import { GuardedBatch } from './schemaGuard.js';
import { forWaitingRequest, notSaved } from './unsaved.js';

export { COMMITTED, type Job, type PipelineHost } from './pipelineJobs.js';

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

  /** The rows of the log the document holds (LogFollower.held); exact only inside a read job. */
  held(): { upTo: LogPosition; also: LogPosition[] } {
    return this.follower.held();
  }

  /** A row made of the document's own state (compaction): never read or applied again here. */
  holds(position: LogPosition): void {
    this.follower.holds(position);
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

  /**
   * Batch after batch until the queue is empty. Once a batch is committed and its senders told,
   * the next one (if it needs nothing read first) is applied and its commit started before this
   * one is broadcast: the database commits while the broadcast is written to every peer, where
   * each used to wait for the other (a 200-peer broadcast is about 2 ms of the main thread, a
   * commit of the embedded database as long, on its own thread). Nothing is shown earlier than
   * before: the next batch's content is only in the document, and a batch that serves reads
   * (which must see exactly what is committed) is published before the next is applied.
   */
  private async drain(): Promise<void> {
    this.draining = true;
    let next: Applied | null = null;
    try {
      while ((next || this.queue.length > 0 || this.follower.ready) && !this.failedAlready) {
        const current = next ?? (await this.begin(this.take()));
        next = null;
        if (!current || !(await current.committed)) continue;
        try {
          this.acknowledge(current.batch);
          if (this.queue.length > 0 && !this.follower.ready && !current.batch.some((j) => j.kind === 'read') && !this.mustRead(this.queue)) {
            next = this.applyAndCommit(this.take());
          }
          await this.publish(current);
        } catch (error) {
          // Unexpected: never an unhandled rejection that would end the process; drop this
          // document, clients reconnect.
          this.fail(error, next ? [...current.batch, ...next.batch] : current.batch);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private take(): Job[] {
    const batch = this.queue;
    this.queue = [];
    return batch;
  }

  /** A lock, or a listener that may have missed notices: the log is read before the batch. */
  private mustRead(batch: Job[]): boolean {
    return batch.some((j) => j.kind === 'catchUp' || (j.kind === 'read' && this.host.stale?.()));
  }

  /** Others' commits first, while the doc holds nothing uncommitted; then the batch (applyAndCommit). */
  private async begin(batch: Job[]): Promise<Applied | null> {
    try {
      if (this.mustRead(batch)) {
        await this.follower.catchUp();
        // Read when the job runs: a lock notice heard before it is in what it reads, one heard
        // after it is queued after it.
        for (const job of batch) if (job.kind === 'catchUp' && job.lockedInDatabase) job.locked = await job.lockedInDatabase();
      } else this.follower.applyRead();
    } catch (error) {
      this.fail(error, batch, 'could not read the minutes; reconnect');
      return null;
    }
    return this.applyAndCommit(batch);
  }

  /**
   * Applies the batch to the document and starts its commit (`committed` settles true once it is
   * committed, false when it failed and the pipeline with it). Null if applying failed.
   */
  private applyAndCommit(batch: Job[]): Applied | null {
    const { doc, owners, store, meetingId } = this.host;
    const emitted: Uint8Array[] = [];
    const collect = (update: Uint8Array) => emitted.push(update);
    const server: ServerOutcomes = { errors: new Map(), audits: [] };
    const guard = new GuardedBatch<Peer>(doc, minutesRules());
    doc.on('update', collect);
    try {
      const problem = applyBatch(this.host, this, batch, server, guard);
      if (problem) refuseDamaged(this.host, problem, guard);
    } catch (error) {
      // Unexpected (not a failed commit, which is handled below): never an unhandled rejection
      // that would end the process; drop this document, clients reconnect.
      this.fail(error, batch);
      return null;
    } finally {
      doc.off('update', collect);
    }

    const claims = owners.takeUnsaved();
    const merged = emitted.length === 0 ? undefined : emitted.length === 1 ? emitted[0]! : Y.mergeUpdates(emitted);
    const applied: Applied = { batch, merged, soleEmitted: emitted.length === 1, server, committed: Promise.resolve(true) };
    if (!merged && claims.length === 0) return applied;
    // Committed content never exists without its owner on record: stored together.
    const draftOnly = merged !== undefined && batch.some((job) => job.kind === 'update' && job.peer.draftOnly === true);
    const stored = merged ? store.append(meetingId, merged, { owners: claims, draftOnly, audits: server.audits }).then((position) => this.follower.appended(position)) : this.host.clientIds?.record(meetingId, claims);
    applied.committed = Promise.resolve(stored).then(
      () => true,
      (error: unknown) => {
        // Locked (or circulated, with a delegate's writes) by another process before this one
        // heard of it: nothing here was saved.
        if (error instanceof MinutesLockedError) {
          this.fail(new DomainError('locked', error.message, undefined, undefined, { code: 'minutes_locked' }), batch, error.message, CloseCode.serverRestart);
        } else {
          // Also a client id claimed on another process first (ClientIdTakenError): reloaded,
          // the document knows the owner on record and refuses the claimant alone (4403).
          this.fail(error, batch);
        }
        return false;
      },
    );
    return applied;
  }

  /**
   * Tells the senders of a committed batch how many of their messages are durable. First, a few
   * messages: the broadcast writes to every peer (200 peers: about 2 ms, which every "saved"
   * waited for behind it), and reads queued in the batch (sync answers, exports) may take long.
   */
  private acknowledge(batch: Job[]): void {
    for (const job of batch) {
      if (job.kind !== 'update') continue;
      const state = this.host.peers.get(job.peer);
      if (state && state.integrated > state.saved) {
        state.saved = state.integrated;
        job.peer.send(savedMessage(state.saved));
      }
    }
  }

  /** Shows a committed batch: the broadcast, the reads it queued, the waiting callers. */
  private async publish({ batch, merged, soleEmitted, server }: Applied): Promise<void> {
    // The author of everything a batch changed has it already: its "saved" is all it needs.
    if (merged) this.host.peers.broadcast(updateMessage(merged), soleEmitted ? soleAuthor(batch) : undefined);
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
        if (server.errors.has(job)) job.reject(server.errors.get(job));
        else job.resolve();
      }
    }
    // Committed: its projections are due even when the batch after it failed already.
    if (merged) this.host.committed(merged);
  }
}

/** A batch applied to the document, its commit started. */
interface Applied {
  batch: Job[];
  /** What the batch changed, as one update (nothing: it changed nothing). */
  merged: Uint8Array | undefined;
  /** The document emitted a single update: exactly what its author sent (soleAuthor). */
  soleEmitted: boolean;
  server: ServerOutcomes;
  /** True once committed; false when the commit failed (the pipeline has failed with it). */
  committed: Promise<boolean>;
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
