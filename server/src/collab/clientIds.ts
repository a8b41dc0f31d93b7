import * as Y from 'yjs';

/**
 * Who may write under which Yjs client id of a document.
 *
 * Yjs identifies content by (client id, clock) and every peer sees every client id, so without
 * this a member could write structs under another member's id: the victim's later edits at the
 * same clocks would be taken for duplicates and dropped. The first user who writes new content
 * under a client id owns it; new content under an id owned by someone else is refused.
 *
 * - Owners are users, not connections: a client that reconnects (even to a restarted server)
 *   resends its unacknowledged tail under its old id, and two tabs of one user share a local
 *   copy holding each other's ids.
 * - Ownership is persisted (`minutes_client_ids`) before the content that claimed it is
 *   committed, so it survives restarts. An id found in the stored document without a recorded
 *   owner (the template, or content written before ownership was recorded) is claimed by the
 *   first user who writes new content under it after a load.
 * - Announcing an id in awareness claims it too (persisted like a write): a peer that sees a
 *   newcomer's id in awareness cannot claim it before the newcomer types, nor after the
 *   document was unloaded and loaded again.
 * - Deletions: a Yjs delete set says which items are deleted, not by whom, and deleting other
 *   people's text is ordinary co-editing, so deleting existing content is allowed whoever wrote
 *   it. What is refused is deleting content under someone else's id that does not exist yet:
 *   an honest client only deletes what it has seen, and such a "pre-deletion" would silently
 *   remove the owner's future typing.
 * - Re-sent content the document already has is not a write (Yjs skips it): honest clients
 *   re-send others' content in sync races, so it is not refused.
 */
export const SERVER_OWNER = '#server';

/** An owner that is not persisted (a connection without a user; never in production). */
export function connectionOwner(peerId: string): string {
  return `#connection:${peerId}`;
}

export interface ClientIdRecord {
  clientId: number;
  /** null: written by the server itself (template, tracker write-back). */
  userId: string | null;
}

export interface ClientIdStore {
  load(meetingId: string): Promise<ClientIdRecord[]>;
  /** Records owners; an id that already has one keeps it. Durable when it resolves. */
  record(meetingId: string, records: ClientIdRecord[]): Promise<void>;
}

/**
 * Why an update is refused (each has its close code, integrateUpdate.ts):
 * `malformed`: no Yjs client writes that (as an undecodable update);
 * `notYours`: it writes under, or deletes ahead of, someone else's client id;
 * `tooManyIds`: more new ids than the connection may still claim (nobody else's content).
 */
export type OwnershipRefusal = 'malformed' | 'notYours' | 'tooManyIds';

export type OwnershipVerdict = { ok: true; claims: number[] } | { ok: false; refusal: OwnershipRefusal; reason: string };

const refused = (refusal: OwnershipRefusal, reason: string): OwnershipVerdict => ({ ok: false, refusal, reason });

/** Yjs client ids are 32-bit (and so is what `minutes_client_ids` stores). */
const MAX_CLIENT_ID = 0xffffffff;
/**
 * Clocks count one client's operations: no editor comes near 2⁴⁰. Beyond 2⁵³ they stop being
 * exact numbers (2⁵³ + 1 === 2⁵³) and two structs share an id: the live document then holds
 * what its own log cannot encode, and replicas diverge.
 */
const MAX_CLOCK = 2 ** 40;

/** An update as `Y.decodeUpdate` returns it (decoded once, checked several ways). */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

export class ClientIdOwners {
  private readonly owners = new Map<number, string>();
  /** The server doc's own id until the server writes under it; memory only. */
  private readonly reserved = new Map<number, string>();
  private unsaved: ClientIdRecord[] = [];

  constructor(records: ClientIdRecord[] = []) {
    for (const { clientId, userId } of records) this.owners.set(clientId, userId ?? SERVER_OWNER);
  }

  ownerOf(clientId: number): string | undefined {
    return this.owners.get(clientId) ?? this.reserved.get(clientId);
  }

  /**
   * Checks an update from `owner` against the document's current state. Returns the ids it
   * would newly claim (at most `maxClaims` of them) or why it is refused. Claims nothing.
   */
  check(owner: string, { structs, ds }: DecodedUpdate, doc: Y.Doc, maxClaims: number): OwnershipVerdict {
    const ends = new Map<number, number>();
    for (const struct of structs) {
      if (struct.id.client > MAX_CLIENT_ID) return refused('malformed', 'client id out of range');
      if (struct.id.clock + struct.length > MAX_CLOCK) return refused('malformed', 'clock out of range');
      if (struct instanceof Y.Skip) continue;
      const end = struct.id.clock + struct.length;
      if (end > (ends.get(struct.id.client) ?? 0)) ends.set(struct.id.client, end);
    }
    const claims: number[] = [];
    for (const [client, end] of ends) {
      if (end <= Y.getState(doc.store, client)) continue;
      const current = this.ownerOf(client);
      if (current === undefined) claims.push(client);
      else if (current !== owner) return refused('notYours', `writes under client id ${client}, which belongs to someone else`);
    }
    for (const [client, deletions] of ds.clients) {
      if (client > MAX_CLIENT_ID) return refused('malformed', 'client id out of range');
      if (deletions.some((d) => d.clock + d.len > MAX_CLOCK)) return refused('malformed', 'clock out of range');
      const current = this.ownerOf(client);
      if (current === undefined || current === owner) continue;
      const state = Y.getState(doc.store, client);
      if (deletions.some((d) => d.clock + d.len > state)) {
        return refused('notYours', `deletes content of client id ${client} that does not exist yet`);
      }
    }
    if (claims.length > maxClaims) return refused('tooManyIds', `writes under ${claims.length} new client ids`);
    return { ok: true, claims };
  }

  /** Makes `owner` the owner of `ids` (those still without one) and queues them to be persisted. */
  claim(owner: string, ids: Iterable<number>): void {
    for (const id of ids) {
      const current = this.owners.get(id);
      if (current !== undefined) continue;
      this.owners.set(id, owner);
      this.reserved.delete(id);
      if (owner === SERVER_OWNER) this.unsaved.push({ clientId: id, userId: null });
      else if (!owner.startsWith('#')) this.unsaved.push({ clientId: id, userId: owner });
    }
  }

  /** Owners another server process recorded (it committed content under their ids). */
  learn(records: ClientIdRecord[]): void {
    for (const { clientId, userId } of records) {
      if (this.owners.has(clientId)) continue;
      this.owners.set(clientId, userId ?? SERVER_OWNER);
      this.reserved.delete(clientId);
    }
  }

  /** Claims an id announced in awareness, unless it has an owner. False if that is someone else. */
  claimAnnounced(owner: string, clientId: number): boolean {
    const current = this.ownerOf(clientId);
    if (current !== undefined) return current === owner;
    this.claim(owner, [clientId]);
    return true;
  }

  /** Keeps an id for the server (its doc's own) without recording it until the server writes. */
  reserveForServer(clientId: number): void {
    if (this.ownerOf(clientId) === undefined) this.reserved.set(clientId, SERVER_OWNER);
  }

  get hasUnsaved(): boolean {
    return this.unsaved.length > 0;
  }

  /** Claims not yet persisted; the caller persists them before committing the content. */
  takeUnsaved(): ClientIdRecord[] {
    const records = this.unsaved;
    this.unsaved = [];
    return records;
  }
}

/**
 * Gives a freshly loaded server doc a client id no one has used: the server's own changes must
 * never land under a peer's id (nor a peer's under the server's).
 */
export function freshServerClientId(doc: Y.Doc, owners: ClientIdOwners): void {
  const random = new Uint32Array(1);
  while (doc.store.clients.has(doc.clientID) || owners.ownerOf(doc.clientID) !== undefined) {
    crypto.getRandomValues(random);
    doc.clientID = random[0]!;
  }
  owners.reserveForServer(doc.clientID);
}
