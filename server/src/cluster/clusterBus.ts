import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { z } from 'zod';
import type { Database } from '../../../db/client.js';
import { CLUSTER_CHANNEL } from '../../../db/queries/minutesUpdates.js';
import type { Logger } from '../logger.js';
import { LIMIT_NAMES } from '../auth/loginGuard.js';

/**
 * What server processes tell each other, over Postgres LISTEN/NOTIFY on one channel (so one
 * listening connection receives everything in commit order). Notices carry ids; a commit's
 * notice also carries its row's bytes when they fit (saving the others a read of the log): the
 * database stays the one source, read by id. `n`: the sending process (it ignores its own).
 */
const Notice = z.discriminatedUnion('t', [
  /** A commit of a meeting's log (sent by the commit's own transaction); `u`: the row, base64. */
  z.object({ t: z.literal('minutes'), m: z.string(), p: z.number().int().positive(), u: z.string().nullish() }),
  /** The minutes were locked or unlocked (sent by that transaction). */
  z.object({ t: z.literal('lock'), m: z.string(), n: z.string(), locked: z.boolean() }),
  /** Presence (carets) of peers on process `n`: a y-protocols awareness update, base64. */
  z.object({ t: z.literal('presence'), m: z.string(), n: z.string(), u: z.string() }),
  /** A process that just opened a meeting asks the others for their presence. */
  z.object({ t: z.literal('presence?'), m: z.string(), n: z.string() }),
  /** An app event (socket.io) or a disconnection decided on process `n`. */
  z.object({ t: z.literal('call'), n: z.string(), name: z.string(), args: z.array(z.unknown()) }),
  /** Sign-in limits: failures checked (or a place cleared by a success) on process `n`. */
  z.object({
    t: z.literal('limits'),
    n: z.string(),
    c: z.array(z.object({ l: z.enum(LIMIT_NAMES), k: z.string(), f: z.boolean() })),
  }),
  /** Liveness of this process's own listening connection. */
  z.object({ t: z.literal('ping'), n: z.string() }),
]);
export type ClusterNotice = z.infer<typeof Notice>;

/** Postgres refuses NOTIFY payloads from 8000 bytes on. */
export const MAX_NOTICE_BYTES = 7900;

export interface ClusterBus {
  readonly nodeId: string;
  /** False on the embedded database (one process): nothing is listened to or sent. */
  readonly shared: boolean;
  /** True while notices may be missed (the listening connection is down or not yet up). */
  stale(): boolean;
  /** Sends to every process (this one too; handlers skip what they sent themselves). */
  publish(notice: ClusterNotice): void;
  subscribe(handler: (notice: ClusterNotice) => void): void;
  /** Called each time listening (re)starts: whatever was sent meanwhile was missed. */
  onListening(handler: () => void): void;
  close(): Promise<void>;
}

const PING_MS = 2000;

/**
 * The bus of the server processes sharing one DATABASE_URL. Listens on its own connection
 * (postgres.js listens again after a reconnect and calls `onlisten`). A ping through the
 * database every PING_MS tells whether notices still arrive: when its own ping is missing, the
 * process counts as stale (documents read the log before serving) and listens anew.
 */
export async function startClusterBus(db: Database, databaseUrl: string | undefined, log: Logger): Promise<ClusterBus> {
  const nodeId = randomUUID();
  const handlers: ((notice: ClusterNotice) => void)[] = [];
  const listeningHandlers: (() => void)[] = [];
  const publishWith = (notice: ClusterNotice) => {
    const payload = JSON.stringify(notice);
    if (Buffer.byteLength(payload) > MAX_NOTICE_BYTES) {
      log.warn('cluster.notice_too_large', { t: notice.t, bytes: Buffer.byteLength(payload) });
      return;
    }
    db.sql`select pg_notify(${CLUSTER_CHANNEL}, ${payload})`.catch((error: unknown) => log.warn('cluster.publish_failed', { t: notice.t, error: String(error) }));
  };
  if (!databaseUrl) {
    log.info('cluster.single_process', { reason: 'embedded database: one server process only (set DATABASE_URL for several)' });
    return {
      nodeId,
      shared: false,
      stale: () => false,
      publish: () => {},
      subscribe: () => {},
      onListening: () => {},
      close: async () => {},
    };
  }

  const listener = postgres(databaseUrl, { max: 1, onnotice: () => {}, backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 0.5) } as postgres.Options<{}>);
  let lastPingHeard = 0;
  let listening = false;
  let closed = false;
  const receive = (payload: string) => {
    let notice: ClusterNotice;
    try {
      notice = Notice.parse(JSON.parse(payload));
    } catch (error) {
      log.warn('cluster.notice_malformed', { error: String(error) });
      return;
    }
    if (notice.t === 'ping') {
      if (notice.n === nodeId) lastPingHeard = performance.now();
      return;
    }
    for (const handler of handlers) {
      try {
        handler(notice);
      } catch (error) {
        log.error('cluster.handler_failed', { t: notice.t, error: String(error), stack: (error as Error)?.stack });
      }
    }
  };
  const onlisten = () => {
    listening = true;
    lastPingHeard = performance.now();
    log.info('cluster.listening', { nodeId });
    for (const handler of listeningHandlers) handler();
  };
  let subscription: { unlisten(): Promise<void> } | undefined;
  let attempting = false;
  const listen = async () => {
    if (attempting || closed) return;
    attempting = true;
    try {
      const old = subscription;
      subscription = undefined;
      await old?.unlisten().catch(() => {});
      subscription = await listener.listen(CLUSTER_CHANNEL, receive, onlisten);
    } catch (error) {
      log.warn('cluster.listen_failed', { error: String(error) });
    } finally {
      attempting = false;
    }
  };
  await listen();

  const ping = setInterval(() => {
    if (closed) return;
    publishWith({ t: 'ping', n: nodeId });
    if (performance.now() - lastPingHeard > 2.5 * PING_MS) {
      // Its own pings no longer come back: notices are being missed. Listen again.
      if (listening) log.warn('cluster.listener_silent', { nodeId });
      listening = false;
      void listen();
    }
  }, PING_MS);
  ping.unref();

  return {
    nodeId,
    shared: true,
    stale: () => !listening || performance.now() - lastPingHeard > 2.5 * PING_MS,
    publish: publishWith,
    subscribe: (handler) => void handlers.push(handler),
    onListening: (handler) => void listeningHandlers.push(handler),
    async close() {
      closed = true;
      clearInterval(ping);
      await listener.end({ timeout: 1 });
    },
  };
}
