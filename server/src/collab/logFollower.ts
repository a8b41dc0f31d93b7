import * as Y from 'yjs';
import type { Logger } from '../logger.js';
import type { ClientIdOwners, ClientIdStore } from './clientIds.js';
import type { DocumentStore, LogPosition } from './documentStore.js';
import { integratesWhole } from './integratesWhole.js';
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
 * it: rows other processes committed are applied (and broadcast to this process's peers) from
 * their notices or read by id, never appended again; rows this process wrote, or applied from
 * a notice, are read without their bytes and not applied twice.
 *
 * The commits of a meeting are serialized, so ids rise in commit order and "every row after my
 * position" is all that can be missing. A compaction replaces rows by one merged row with a
 * new id: reading it again is harmless (Yjs skips what the doc has; only real changes are
 * broadcast).
 */
export class LogFollower {
  /** Rows beyond `position` this process appended or applied from notices (not read yet). */
  private readonly known = new Set<LogPosition>();
  /** Rows may exist after what was read that nobody is reading yet. */
  private unread = false;
  /** The read of the log under way (at most one), its result not yet applied, its failure. */
  private reading: Promise<void> | null = null;
  private fetched: { rows: { position: LogPosition; update: Uint8Array | null }[] } | null = null;
  private failure: unknown = null;
  /** Rows that notices brought, to be applied at the end of this turn of the event loop. */
  private heardRows: { position: LogPosition; update: Uint8Array }[] = [];
  /** Content of rows read could not be placed and was left out of the doc (never compacted from it). */
  private droppedContent = false;
  /** The last row read (applied or waiting in `fetched`). */
  private readTo: LogPosition;

  constructor(
    private readonly host: FollowerHost,
    private position: LogPosition,
    /** A read finished: the pipeline should apply it now (`applyRead`), or fail. */
    private readonly wake: () => void,
  ) {
    this.readTo = position;
  }

  /** Something read is waiting to be applied, or a read failed. */
  get ready(): boolean {
    return this.fetched !== null || this.failure !== null;
  }

  /** A read of the log failed: the document can no longer follow it. */
  get failed(): boolean {
    return this.failure !== null;
  }

  /**
   * The rows of the log the document holds now: every row up to `upTo`, and `also` after it
   * (this process's commits, rows applied from notices; not those heard but not yet applied).
   */
  held(): { upTo: LogPosition; also: LogPosition[] } {
    if (this.droppedContent) throw new Error('the document does not hold all of its log: content of it could not be placed');
    const waiting = new Set(this.heardRows.map((row) => row.position));
    return { upTo: this.position, also: [...this.known].filter((position) => !waiting.has(position)) };
  }

  /**
   * The row `position` holds nothing the document lacks (a compaction of its own state): like
   * this process's own rows, not read nor applied again.
   */
  holds(position: LogPosition): void {
    this.appended(position);
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

  /**
   * The log reached `position` (a notice from the database), with its bytes when the notice
   * carried them. Old news is ignored. A row that comes with its notice while nothing is being
   * read is applied without reading the log (`applyHeard`): the notices of one channel come in
   * commit order, so every earlier row was heard already, unless a notice was lost; a row that
   * would then wait on a row never seen here is read from the log instead, with every row after
   * the last read. An applied row is only remembered (like this process's own), and the next
   * read of the log moves past it without its bytes.
   */
  heard(position: LogPosition, update?: Uint8Array): void {
    if (position <= this.readTo || this.known.has(position)) return;
    if (!update || this.reading || this.fetched || this.failure !== null) {
      this.read();
      return;
    }
    this.known.add(position);
    this.heardRows.push({ position, update });
    // Notices come in bursts (one read of the listening connection): one apply and one
    // broadcast for all of them, like a read of several rows.
    if (this.heardRows.length === 1) setImmediate(() => this.applyHeard() && this.read());
  }

  /**
   * Applies the rows that notices brought, if Yjs can place all of them now (it would hold back
   * content whose predecessors are missing, and the shared store must hold nothing pending
   * between batches: integrateUpdate.ts). Otherwise they are forgotten as known, for a read of
   * the log to bring them: safe, because every read first comes here (no read made while they
   * were known has moved past them). True when a read of the log is due.
   */
  private applyHeard(): boolean {
    const rows = this.heardRows;
    if (rows.length === 0 || this.failure !== null || this.host.doc.isDestroyed) return false;
    this.heardRows = [];
    const updates = rows.map((row) => row.update);
    const update = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
    if (!this.ownersKnown([update]) || !integratesWhole(this.host.doc, update)) {
      for (const row of rows) this.known.delete(row.position);
      return true;
    }
    if (!this.integrate([update])) {
      this.wake();
      return false;
    }
    if (this.host.doc.store.pendingStructs || this.host.doc.store.pendingDs) {
      // The check above and Yjs disagree: never serve a store with content of the log held back.
      this.failure = new Error('a row that came with its notice did not integrate whole');
      this.wake();
      return false;
    }
    return this.known.size >= KNOWN_ROWS_READ_AT;
  }

  /**
   * Reads the rows after what was read, now, outside the pipeline (they are committed: reading
   * early changes nothing), so that local batches never wait for it; `wake` then has the
   * pipeline apply the result (`applyRead`).
   */
  private read(): void {
    this.applyHeard();
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
   * Applies what was read: run by the pipeline whenever it is not applying a batch (committed
   * rows never depend on a batch still being committed, and a batch collects only what it
   * applies itself). What it changed is broadcast at once (it is committed). Throws the failure
   * of a read (the pipeline drops the document: its peers reload).
   */
  applyRead(): void {
    if (this.applyHeard()) this.read();
    if (this.failure !== null) throw this.failure;
    const rows = this.fetched?.rows ?? [];
    this.fetched = null;
    if (rows.length === 0) return;
    this.position = Math.max(this.position, rows.at(-1)!.position);
    for (const position of this.known) if (position <= this.position) this.known.delete(position);
    const updates = rows.flatMap((r) => (r.update ? [r.update] : []));
    if (updates.length === 0) return;
    if (!this.integrate(updates)) throw this.failure;
    const { doc, meetingId } = this.host;
    if (doc.store.pendingStructs || doc.store.pendingDs) {
      // Committed rows always integrate in order; never keep what did not (see load).
      this.host.log.warn('collab.stored_pending_content', { meetingId });
      this.droppedContent = true;
      doc.store.pendingStructs = null;
      doc.store.pendingDs = null;
    }
  }

  /**
   * Applies committed rows and broadcasts what they changed here (to this process's peers).
   * False if they could not be applied: the failure is kept, as when a read fails (the
   * pipeline's next batch drops the document).
   */
  private integrate(updates: Uint8Array[]): boolean {
    const { doc } = this.host;
    const changes: Uint8Array[] = [];
    const collect = (update: Uint8Array) => changes.push(update);
    doc.on('update', collect);
    try {
      // Rows of this process read before it knew their ids change nothing here: Yjs skips them.
      replayLog(doc, updates, FROM_LOG);
    } catch (error) {
      this.failure = error;
      return false;
    } finally {
      doc.off('update', collect);
    }
    if (changes.length === 0) return true;
    const changed = changes.length === 1 ? changes[0]! : Y.mergeUpdates(changes);
    this.host.peers.broadcast(updateMessage(changed));
    this.host.appliedFromLog(changed);
    return true;
  }

  /** Client ids claimed on another process are theirs here too (clientIds.ts). */
  private async learnOwners(updates: Uint8Array[]): Promise<void> {
    const { owners, clientIds, meetingId } = this.host;
    if (!this.ownersKnown(updates)) owners.learn(await clientIds!.load(meetingId));
  }

  /** Whether this process knows who owns every client id the updates write under. */
  private ownersKnown(updates: Uint8Array[]): boolean {
    const { owners, clientIds } = this.host;
    if (!clientIds) return true;
    const clients = updates.flatMap((u) => [...Y.decodeStateVector(Y.encodeStateVectorFromUpdate(u)).keys()]);
    return clients.every((client) => owners.ownerOf(client) !== undefined);
  }
}
