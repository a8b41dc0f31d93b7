import * as Y from 'yjs';
import type { AuditEntry } from '../../../db/queries/auditLog.js';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { DomainError } from '../errors.js';
import type { Problem } from '../minutes/validation/documentCheck.js';
import { SERVER_OWNER } from './clientIds.js';
import { integratePeerUpdate } from './integrateUpdate.js';
import { PeerRefusal } from './peerLimits.js';
import type { Peer, PeerState } from './peerSet.js';
import { COMMITTED, type Job, type PipelineHost } from './pipelineJobs.js';
import { DamagedDocumentError, type GuardedBatch } from './schemaGuard.js';

/** Whether the minutes are locked at this point of the pipeline's stream (lock jobs set it). */
export interface LockState {
  locked: boolean;
}

/**
 * The apply phase of a batch: each run of jobs between server changes in one transaction,
 * each server change in one of its own. (Yjs takes a transaction that is not local, as one
 * applying a client's update is, and that writes under the document's own client id, as a
 * server change does, for a clash of ids, and changes the id.) Returns the first problem
 * of what was integrated; the jobs after it are not applied.
 */
export function applyBatch(host: PipelineHost, state: LockState, batch: Job[], server: ServerOutcomes, guard: GuardedBatch<Peer>): Problem | null {
  for (let start = 0; start < batch.length; ) {
    let end = start + 1;
    if (batch[start]!.kind !== 'server') while (end < batch.length && batch[end]!.kind !== 'server') end++;
    const jobs = batch.slice(start, end);
    const changes = () => {
      for (const job of jobs) {
        const audit = apply(host, state, job, server.errors, guard);
        if (audit) server.audits.push(audit);
      }
    };
    // Reads (sync answers) and locks change nothing: no transaction to pay for.
    const problem = jobs.some((j) => j.kind === 'update' || j.kind === 'server') ? guard.run(changes, COMMITTED) : (changes(), null);
    if (problem) return problem;
    start = end;
  }
  return null;
}

/** What the server changes of a batch came to: the errors they threw, the audit entries they returned (committed with the batch). */
export interface ServerOutcomes {
  errors: Map<Job, unknown>;
  audits: AuditEntry[];
}

/**
 * What the batch integrated is not valid minutes (content an update's check could not see,
 * e.g. items that waited for a dependency; or a server change, which is trusted code: a bug).
 * Yjs cannot take it back, so nothing of the batch is committed: DamagedDocumentError drops
 * the document and its peers reconnect and resend. The sender of the item is refused first,
 * so that it does not send it again.
 */
export function refuseDamaged(host: PipelineHost, problem: Problem, guard: GuardedBatch<Peer>): never {
  const { peers, log, meetingId } = host;
  const { message, client, clock } = problem;
  const authors = guard.authorsOf(problem);
  log.warn('collab.update_invalid', { meetingId, peers: authors.map((p) => p.id), problem: message, item: `${client}:${clock}`, applied: true });
  for (const peer of authors) if (peers.has(peer)) peers.reject(peer, CloseCode.malformedMessage, `update rejected: ${message}`);
  throw new DamagedDocumentError(problem);
}

/** The apply phase of one job, inside the batch's transaction: nothing of it is visible until the batch is committed. */
function apply(host: PipelineHost, state: LockState, job: Job, serverErrors: Map<Job, unknown>, guard: GuardedBatch<Peer>): AuditEntry | undefined {
  const { doc, peers, owners, log, meetingId } = host;
  if (job.kind === 'lock') {
    state.locked = job.locked;
  } else if (job.kind === 'catchUp') {
    if (job.locked !== undefined) state.locked = job.locked;
  } else if (job.kind === 'update' && state.locked) {
    // Sent after the approval point: not part of the minutes, never acknowledged. The
    // connection ends here (its "saved" count could not stay honest past a dropped
    // message); it comes back read-only and the client drops what was not confirmed.
    log.info('collab.locked_update_dropped', { meetingId, peer: job.peer.id });
    if (peers.has(job.peer)) peers.reject(job.peer, CloseCode.serverRestart, 'The minutes were approved and locked.');
  } else if (job.kind === 'update') {
    const peer = peers.get(job.peer);
    if (!peer) return; // closed while queued: its client resends what was not saved
    try {
      integrate(host, peer, job, guard);
    } catch (error) {
      const refusal = error instanceof PeerRefusal ? error : new PeerRefusal(CloseCode.malformedMessage, 'update could not be applied');
      log.warn('collab.update_rejected', { meetingId, peer: job.peer.id, user: job.peer.userId, reason: refusal.message, error: String(error) });
      peers.reject(job.peer, refusal.code, refusal.message);
    }
  } else if (job.kind === 'server' && state.locked) {
    serverErrors.set(job, new DomainError('locked', 'The minutes are approved and locked.', undefined, undefined, { code: 'minutes_locked' }));
  } else if (job.kind === 'server') {
    let audit: AuditEntry | undefined;
    try {
      // `void` for a change that records nothing.
      audit = job.change(doc) as AuditEntry | undefined;
    } catch (error) {
      serverErrors.set(job, error);
    }
    if (Y.getState(doc.store, doc.clientID) > 0) owners.claim(SERVER_OWNER, [doc.clientID]);
    return audit;
  }
}

/**
 * Applies a client's update if its author may write it (client ids, see clientIds.ts); what
 * Yjs cannot integrate yet goes to the connection's waiting content (Yjs would keep it pending
 * in the doc, include it in every state it encodes, and let it land later in a commit that
 * nobody is told about). Throws PeerRefusal.
 */
function integrate(host: PipelineHost, state: PeerState, job: Extract<Job, { kind: 'update' }>, guard: GuardedBatch<Peer>): void {
  const { doc, owners, limits } = host;
  integratePeerUpdate(doc, owners, state, job.update, limits, (update, v2) => applyChecked(host, job.peer, update, v2, guard));
  if (state.waiting.empty) state.integrated = job.seq;
}

/**
 * Applies only if the minutes stay valid (schemaGuard.ts): an invalid update is refused
 * (PeerRefusal 4400) and nothing of it is applied. What it let in all the same is found when
 * the batch's transaction ends (see refuseDamaged).
 */
function applyChecked(host: PipelineHost, peer: Peer, update: Uint8Array, v2: boolean, guard: GuardedBatch<Peer>): void {
  const problem = guard.apply(peer, update, v2);
  if (!problem) return;
  const { log, meetingId } = host;
  log.warn('collab.update_invalid', { meetingId, peer: peer.id, problem: problem.message, item: `${problem.client}:${problem.clock}`, applied: false });
  throw new PeerRefusal(CloseCode.malformedMessage, `update rejected: ${problem.message}`);
}
