import * as Y from 'yjs';
import type { Logger } from '../logger.js';
import type { ClientIdOwners, ClientIdStore } from './clientIds.js';
import type { DocumentStore, LogPosition } from './documentStore.js';
import { updateMessage } from './messages.js';
import type { PeerSet } from './peerSet.js';
import { replayLog } from './replayLog.js';

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
  /** Rows may exist after what was read that nobody is reading yet. */
  private unread = false;
  /** The read of the log under way (at most one), its result not yet applied, its failure. */
  private reading: Promise<void> | null = null;
  private fetched: { rows: { position: LogPosition; update: Uint8Array | null }[] } | null = null;
  private failure: unknown = null;
  /** The last row read (applied or waiting in `fetched`). */
  private readTo: LogPosition;

  constructor(
    private readonly host: FollowerHost,
    private position: LogPosition,
    /** A read finished: the pipeline should apply it (or fail) at its next batch. */
    private readonly wake: () => void,
  ) {
    this.readTo = position;
  }

  /** Something read is waiting to be applied, or a read failed. */
  get ready(): boolean {
    return this.fetched !== null || this.failure !== null;
  }

  /**
   * This process committed the row `position`. Not applied again; the position moves past it
   * with the next read of the log (a notice of another process's commit, or, on a process
   * writing alone, once KNOWN_ROWS_READ_AT of its own rows have piled up).
   */
  appended(position: LogPosition): void {
    this.known.add(position);
    if (this.known.size >= KNOWN_ROWS_READ_AT) this.read();
  }

  /** The log reached `position` (a notice from the database). Reads it unless that is old news. */
  heard(position: LogPosition): void {
    if (position <= this.readTo || this.known.has(position)) return;
    this.read();
  }

  /**
   * Reads the rows after what was read, now, outside the pipeline (they are committed: reading
   * early changes nothing), so that local batches never wait for it; the pipeline applies the
   * result between two batches (`applyRead`).
   */
  private read(): void {
    if (this.reading) {
      this.unread = true;
      return;
    }
    this.unread = false;
    const { store, meetingId } = this.host;
    this.reading = (async () => {
      const rows = await store.after(meetingId, this.readTo, [...this.known]);
      const updates = rows.flatMap((r) => (r.update ? [r.update] : []));
      if (updates.length > 0) await this.learnOwners(updates);
      if (rows.length === 0) return;
      this.readTo = rows.at(-1)!.position;
      this.fetched = { rows: [...(this.fetched?.rows ?? []), ...rows] };
    })()
      .catch((error: unknown) => void (this.failure = error))
      .finally(() => {
        this.reading = null;
        if (this.unread && this.failure === null) this.read();
        this.wake();
      });
  }

  /**
   * Reads the log now and applies everything committed before the call (the lock and a stale
   * listener need that much); throws if the log cannot be read.
   */
  async catchUp(): Promise<void> {
    while (this.reading) await this.reading;
    this.read();
    while (this.reading) await this.reading;
    this.applyRead();
  }

  /**
   * Applies what was read: to be run by the pipeline between batches, when the document holds
   * nothing uncommitted. What it changed is broadcast at once (it is committed). Throws the
   * failure of a read (the pipeline drops the document: its peers reload).
   */
  applyRead(): void {
    if (this.failure !== null) throw this.failure;
    const rows = this.fetched?.rows ?? [];
    this.fetched = null;
    if (rows.length === 0) return;
    this.position = Math.max(this.position, rows.at(-1)!.position);
    for (const position of this.known) if (position <= this.position) this.known.delete(position);
    const updates = rows.flatMap((r) => (r.update ? [r.update] : []));
    if (updates.length === 0) return;
    const { doc, meetingId } = this.host;
    const changes: Uint8Array[] = [];
    const collect = (update: Uint8Array) => changes.push(update);
    doc.on('update', collect);
    try {
      // Rows of this process read before it knew their ids change nothing here: Yjs skips them.
      replayLog(doc, updates, FROM_LOG);
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
  private async learnOwners(updates: Uint8Array[]): Promise<void> {
    const { owners, clientIds, meetingId } = this.host;
    if (!clientIds) return;
    const clients = updates.flatMap((u) => [...Y.decodeStateVector(Y.encodeStateVectorFromUpdate(u)).keys()]);
    if (clients.every((client) => owners.ownerOf(client) !== undefined)) return;
    owners.learn(await clientIds.load(meetingId));
  }
}
