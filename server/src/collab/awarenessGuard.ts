import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Awareness } from 'y-protocols/awareness';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { awarenessStateProblem, jsonDepth } from './awarenessState.js';
import type { ClientIdOwners } from './clientIds.js';
import { PeerRefusal, TokenBucket, type PeerLimits } from './peerLimits.js';

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The state's JSON text as sent; `state` is it parsed (null: the client left). */
  json: string;
  state: unknown;
}

const refuse = (reason: string) => new PeerRefusal(CloseCode.malformedMessage, reason);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes an awareness update without trusting it: every state within `maxBytes` and
 * `maxDepth` before it is parsed (JSON.parse accepts nesting that JSON.stringify, needed to
 * relay it, overflows on), client ids within 32 bits, nothing after the last entry.
 */
export function decodeAwarenessUpdate(update: Uint8Array, maxBytes: number, maxDepth: number): AwarenessEntry[] {
  const entries: AwarenessEntry[] = [];
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const bytes = decoding.readVarUint8Array(decoder);
      if (clientId > 0xffffffff) throw refuse('awareness client id out of range');
      if (bytes.byteLength > maxBytes) throw refuse(`awareness state larger than ${maxBytes} bytes`);
      const json = utf8.decode(bytes);
      if (jsonDepth(json) > maxDepth) throw refuse(`awareness state nested deeper than ${maxDepth}`);
      entries.push({ clientId, clock, json, state: JSON.parse(json) });
    }
    if (decoding.hasContent(decoder)) throw refuse('trailing bytes after awareness update');
  } catch (error) {
    if (error instanceof PeerRefusal) throw error;
    throw refuse(`undecodable awareness update: ${(error as Error).message}`);
  }
  return entries;
}

export function encodeAwarenessEntries(entries: AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, json } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}

interface Hold {
  owner: string;
  ids: Set<number>;
  bucket: TokenBucket;
  /** Latest state per id that exceeded the rate, relayed when the bucket allows. */
  deferred: Map<number, AwarenessEntry>;
  timer?: NodeJS.Timeout;
}

/**
 * Decides which awareness entries a connection may set. A connection holds the client ids it
 * introduced (at most `awarenessClientsPerConnection`); a y-websocket client echoes everybody's
 * states back and announces removals of states it considers timed out, so entries for ids held
 * by others are ignored unless they claim to be newer than the server's (a forgery: refused).
 * Another connection of the same user may take an id over (a reconnect before the server saw
 * the old socket close). Own states are validated, then relayed at most
 * `awarenessUpdatesPerSecond` times a second (removals included): beyond that only the latest
 * is relayed, later.
 */
export class AwarenessGuard<P extends object> {
  private readonly holders = new Map<number, Hold>();
  private readonly holds = new Map<P, Hold>();

  constructor(
    private readonly awareness: Awareness,
    private readonly owners: ClientIdOwners,
    private readonly limits: PeerLimits,
    private readonly apply: (update: Uint8Array, peer: P) => void,
  ) {}

  /** Applies what `peer` may set of `update`; throws PeerRefusal for anything invalid. */
  receive(peer: P, owner: string, update: Uint8Array): void {
    const entries = decodeAwarenessUpdate(update, this.limits.awarenessMaxBytes, this.limits.awarenessMaxDepth);
    let hold = this.holds.get(peer);
    if (!hold) {
      const rate = this.limits.awarenessUpdatesPerSecond;
      hold = { owner, ids: new Set(), bucket: new TokenBucket(rate, rate), deferred: new Map() };
      this.holds.set(peer, hold);
    }
    const now: AwarenessEntry[] = [];
    for (const entry of entries) {
      if (!this.admit(hold, entry)) continue;
      if (hold.bucket.take()) {
        hold.deferred.delete(entry.clientId);
        now.push(entry);
      } else {
        hold.deferred.set(entry.clientId, entry);
        this.schedule(peer, hold);
      }
    }
    if (now.length > 0) this.apply(encodeAwarenessEntries(now), peer);
  }

  /** Forgets `peer`; returns the ids whose states should be removed. */
  release(peer: P): number[] {
    const hold = this.holds.get(peer);
    if (!hold) return [];
    this.holds.delete(peer);
    clearTimeout(hold.timer);
    for (const id of hold.ids) if (this.holders.get(id) === hold) this.holders.delete(id);
    return [...hold.ids];
  }

  /** True if the entry is `hold`'s to set; false to ignore it; throws to refuse the connection. */
  private admit(hold: Hold, entry: AwarenessEntry): boolean {
    const { clientId, clock, state } = entry;
    const current = this.awareness.meta.get(clientId)?.clock ?? 0;
    const newer = clock > current || (clock === current && state === null && this.awareness.states.has(clientId));
    const holder = this.holders.get(clientId);
    if (holder !== hold) {
      // Echoes and timeout removals of other peers' states are part of the protocol: ignored.
      if (!newer || state === null) return false;
      if (holder && holder.owner !== hold.owner) throw refuse(`awareness state for client ${clientId} of another connection`);
      if (!holder && !this.owners.claimAnnounced(hold.owner, clientId)) throw refuse(`awareness state for client ${clientId} of another user`);
      if (hold.ids.size >= this.limits.awarenessClientsPerConnection) throw refuse('too many awareness client ids');
    }
    if (state !== null) {
      const problem = awarenessStateProblem(state);
      if (problem) throw refuse(`invalid awareness state: ${problem}`);
    }
    if (holder !== hold) {
      holder?.ids.delete(clientId);
      holder?.deferred.delete(clientId);
      this.holders.set(clientId, hold);
      hold.ids.add(clientId);
    }
    return true;
  }

  private schedule(peer: P, hold: Hold): void {
    if (hold.timer) return;
    hold.timer = setTimeout(() => {
      hold.timer = undefined;
      if (this.holds.get(peer) !== hold || hold.deferred.size === 0) return;
      if (!hold.bucket.take()) return this.schedule(peer, hold);
      const entries = [...hold.deferred.values()];
      hold.deferred.clear();
      this.apply(encodeAwarenessEntries(entries), peer);
    }, Math.max(hold.bucket.msUntilNext(), 1));
    hold.timer.unref();
  }
}
