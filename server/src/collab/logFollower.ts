import * as Y from 'yjs';
import type { Logger } from '../logger.js';
import type { ClientIdOwners, ClientIdStore } from './clientIds.js';
import type { DocumentStore, LogPosition } from './documentStore.js';
import { updateMessage } from './messages.js';
import type { PeerSet } from './peerSet.js';

/** Own rows remembered before the log is read to move past them (a read of ids, not bytes). */
const KNOWN_ROWS_READ_AT = 64;

/** Origin of content other server processes committed (applied, never appended again). */
export const FROM_LOG = Symbol('from the log');

export interface FollowerHost {
  readonly meetingId: string;
  readonly doc: Y.Doc;
  readonly peers: PeerSet;
  readonly owners: ClientIdOwners;
  readonly store: DocumentStore;
  readonly clientIds?: ClientIdStore;
  readonly log: Logger;
  /** Content another process committed was applied here (and broadcast). */
  appliedFromLog(update: Uint8Array): void;
}

/**
 * Where a live document stands in its meeting's log, so that several server processes can hold
 * it: rows other processes committed are read by id and applied (and broadcast to this
 * process's peers), never appended again; rows this process wrote are read without their bytes
 * and not applied twice.
 *
 * The commits of a meeting are serialized, so ids rise in commit order and "every row after my
 * position" is all that can be missing. A compaction replaces rows by one merged row with a
 * new id: reading it again is harmless (Yjs skips what the doc has; only real changes are
 * broadcast).
 */
export class LogFollower {
  /** Rows this process appended beyond `position` (others' rows came in between). */
  private readonly known = new Set<LogPosition>();
  /** Rows exist after `position` that the document has not applied. */
  private behindLog = false;

  constructor(
    private readonly host: FollowerHost,
    private position: LogPosition,
  ) {}

  get behind(): boolean {
    return this.behindLog;
  }

  /**
   * This process committed the row `position`. Not applied again; the position moves past it
   * with the next read of the log (a notice of another process's commit, or, on a process
   * writing alone, once KNOWN_ROWS_READ_AT of its own rows have piled up).
   */
  appended(position: LogPosition): void {
    this.known.add(position);
    if (this.known.size >= KNOWN_ROWS_READ_AT) this.behindLog = true;
  }

  /** The log reached `position` (a notice from the database). Returns whether that is news. */
  heard(position: LogPosition): boolean {
    if (position <= this.position || this.known.has(position)) return false;
    this.behindLog = true;
    return true;
  }

  /**
   * Applies every row after the position: to be run by the pipeline between batches, when the
   * document holds nothing uncommitted. What they changed is broadcast at once (it is committed).
   */
  async catchUp(): Promise<void> {
    const { store, meetingId, doc } = this.host;
    const rows = await store.after(meetingId, this.position, [...this.known]);
    this.behindLog = false;
    if (rows.length === 0) return;
    const updates = rows.flatMap((r) => (r.update ? [r.update] : []));
    this.position = rows.at(-1)!.position;
    for (const position of this.known) if (position <= this.position) this.known.delete(position);
    if (updates.length === 0) return;
    const merged = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
    await this.learnOwners(merged);
    const changes: Uint8Array[] = [];
    const collect = (update: Uint8Array) => changes.push(update);
    doc.on('update', collect);
    try {
      Y.applyUpdate(doc, merged, FROM_LOG);
    } finally {
      doc.off('update', collect);
    }
    if (doc.store.pendingStructs || doc.store.pendingDs) {
      // Committed rows always integrate in order; never keep what did not (see load).
      this.host.log.warn('collab.stored_pending_content', { meetingId });
      doc.store.pendingStructs = null;
      doc.store.pendingDs = null;
    }
    if (changes.length === 0) return;
    const changed = changes.length === 1 ? changes[0]! : Y.mergeUpdates(changes);
    this.host.peers.broadcast(updateMessage(changed));
    this.host.appliedFromLog(changed);
  }

  /** Client ids claimed on another process are theirs here too (clientIds.ts). */
  private async learnOwners(update: Uint8Array): Promise<void> {
    const { owners, clientIds, meetingId } = this.host;
    if (!clientIds) return;
    const clients = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update)).keys();
    if ([...clients].every((client) => owners.ownerOf(client) !== undefined)) return;
    owners.learn(await clientIds.load(meetingId));
  }
}
