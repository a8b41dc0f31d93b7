import * as awarenessProtocol from 'y-protocols/awareness';
import type { DocumentRegistry } from '../collab/documentRegistry.js';
import type { LiveDocument } from '../collab/liveDocument.js';
import type { Logger } from '../logger.js';
import { MAX_NOTICE_BYTES, type ClusterBus } from './clusterBus.js';

/** Origin of presence that came from another server process (not sent back out). */
const FROM_CLUSTER = Symbol('from another process');
/** Presence crosses processes at most this often per document (the latest state of each caret). */
const PRESENCE_EVERY_MS = 40;

/**
 * Keeps this process's live documents in step with the other processes: a commit notice brings
 * its row's bytes (if they fit) or makes the document read the rows it has not seen; a lock notice locks its pipeline; presence goes
 * both ways, coalesced. When listening (re)starts, every loaded document reads the log and the
 * lock (`minutesLocked`) first: notices sent while nobody listened are lost, the database's
 * state is not (a missed reopening left editors here refused forever).
 */
export function followCluster(bus: ClusterBus, registry: DocumentRegistry, log: Logger, minutesLocked: (meetingId: string) => Promise<boolean>): void {
  if (!bus.shared) return;
  bus.subscribe((notice) => {
    switch (notice.t) {
      case 'minutes':
        return registry.ifOpen(notice.m, (doc) => doc.heard(notice.p, notice.u ? Buffer.from(notice.u, 'base64') : undefined));
      case 'lock':
        if (notice.n === bus.nodeId) return;
        return registry.ifOpen(notice.m, (doc) => {
          doc.setLocked(notice.locked).catch(() => {});
        });
      case 'presence':
        if (notice.n === bus.nodeId) return;
        return registry.ifOpen(notice.m, (doc) => {
          if (doc.isFailed) return;
          awarenessProtocol.applyAwarenessUpdate(doc.awareness, Buffer.from(notice.u, 'base64'), FROM_CLUSTER);
        });
      case 'presence?':
        if (notice.n === bus.nodeId) return;
        return registry.ifOpen(notice.m, (doc) => void doc.announcementsRecorded().then(() => sendPresence(doc, [...localClients(doc)])));
    }
  });
  bus.onListening(() => {
    void registry.loaded().then((docs) => {
      for (const doc of docs) doc.catchUp(() => minutesLocked(doc.meetingId)).catch((error: unknown) => log.warn('cluster.catch_up_failed', { meetingId: doc.meetingId, error: String(error) }));
    });
  });
  registry.onLoaded((doc) => relayPresence(doc));

  /** Client ids whose presence this process relays (set by its own peers). */
  const relayed = new WeakMap<LiveDocument, Set<number>>();
  const localClients = (doc: LiveDocument) => relayed.get(doc) ?? new Set<number>();

  function relayPresence(doc: LiveDocument): void {
    const own = new Set<number>();
    relayed.set(doc, own);
    const changed = new Set<number>();
    let timer: NodeJS.Timeout | undefined;
    doc.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      if (origin === FROM_CLUSTER) return;
      for (const id of [...added, ...updated]) own.add(id);
      for (const id of [...added, ...updated, ...removed]) changed.add(id);
      // A client id crosses to the other processes only once it is on record: a member there
      // could otherwise write under it first and become its owner (clientIds.ts). Changes that
      // come while the record is made go with the same notice.
      timer ??= setTimeout(() => {
        void doc.announcementsRecorded().then(() => {
          timer = undefined;
          const ids = [...changed];
          changed.clear();
          sendPresence(doc, ids);
          for (const id of ids) if (!doc.awareness.states.has(id)) own.delete(id);
        });
      }, PRESENCE_EVERY_MS);
    });
    // Whoever already holds the meeting elsewhere: their carets, now rather than at their next renewal.
    bus.publish({ t: 'presence?', m: doc.meetingId, n: bus.nodeId });
  }

  /** Sends the presence of `ids` in notices within the payload limit (one state never exceeds it). */
  function sendPresence(doc: LiveDocument, ids: number[]): void {
    let batch: number[] = [];
    const flush = () => {
      if (batch.length === 0) return;
      const u = Buffer.from(awarenessProtocol.encodeAwarenessUpdate(doc.awareness, batch)).toString('base64');
      bus.publish({ t: 'presence', m: doc.meetingId, n: bus.nodeId, u });
      batch = [];
    };
    let bytes = 0;
    for (const id of ids) {
      const state = doc.awareness.states.get(id);
      const size = Math.ceil(((state === undefined ? 4 : JSON.stringify(state).length * 3) + 16) * 4 / 3);
      if (bytes + size > MAX_NOTICE_BYTES - 200) {
        flush();
        bytes = 0;
      }
      batch.push(id);
      bytes += size;
    }
    flush();
  }
}
