import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { COLLAB_PATH_PREFIX } from '../../../shared/collab/protocol.js';
import { DomainError, isDatabaseUnavailable, toClose, truncateReason } from '../errors.js';
import type { Logger } from '../logger.js';
import type { DocumentLease, DocumentRegistry } from './documentRegistry.js';
import { decodeClientFrame, MalformedFrameError } from './frames.js';
import { startHeartbeat } from './heartbeat.js';
import type { LiveDocument, Peer } from './liveDocument.js';
import { sendBounded } from './backpressure.js';
import { PeerRefusal, TokenBucket, type PeerLimits } from './peerLimits.js';

export interface CollabAccess {
  /** Who is connecting; used to revoke access later. */
  userId: string | null;
  sessionId: string | null;
  readOnly: boolean;
  /** Writes only while the minutes are a draft (Peer.draftOnly). */
  draftOnly?: boolean;
}

export interface CollabEndpointOptions {
  registry: DocumentRegistry;
  log: Logger;
  maxMessageBytes: number;
  limits: PeerLimits;
  /**
   * How often an open connection's access is checked again (ms). Keeps the session of someone
   * who only edits alive, and ends connections whose session expired or whose membership ended
   * by any path (another server process, direct database changes).
   */
  recheckMs: number;
  /** How often every connection gets a heartbeat and a ping (ms); silent peers are dropped. */
  heartbeatIntervalMs: number;
  /** Decides whether this request may open this meeting. Throws a DomainError to refuse. */
  authorize(req: IncomingMessage, meetingId: string): Promise<CollabAccess>;
  /** Whether the database answers now (a probe that does not queue behind the pool). */
  databaseReachable(timeoutMs: number): Promise<boolean>;
}

export interface CollabEndpoint {
  /** Returns true if the request was a collab upgrade (handled), false to let others handle it. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Closes every connection of a user on a meeting (access revoked). */
  disconnectUser(userId: string, meetingIds: Set<string> | 'all', code: number, reason: string): void;
  /** Closes every connection to a meeting (its minutes were locked or unlocked). */
  disconnectMeeting(meetingId: string, code: number, reason: string): void;
  /** Closes every connection opened with a session (revoked). */
  disconnectSession(sessionId: string, code: number, reason: string): void;
  close(): void;
}

/** An open connection: its peer in the document and what it was allowed. */
interface LiveEntry {
  peer: Peer;
  doc: LiveDocument;
  access: CollabAccess;
}

let nextPeerId = 1;

/** How long a connection opened during a database outage waits for it before 1013. */
const OUTAGE_WAIT_MS = 20_000;
const OUTAGE_POLL_MS = 200;

function isOutage(error: unknown): boolean {
  return isDatabaseUnavailable(error) || (error instanceof DomainError && error.kind === 'unavailable');
}

export function meetingIdFromPath(url: string | undefined): string | null {
  if (!url) return null;
  const pathname = url.split('?')[0]!;
  // `/collab`, `/collab/` and `/collab/<id>/more` are collab requests for no meeting: refused
  // with 4404 and a reason, like an unknown id, rather than the socket dropped without one.
  if (pathname === COLLAB_PATH_PREFIX.slice(0, -1)) return '';
  if (!pathname.startsWith(COLLAB_PATH_PREFIX)) return null;
  const raw = pathname.slice(COLLAB_PATH_PREFIX.length);
  try {
    return decodeURIComponent(raw);
  } catch {
    // Not a meeting id, but a collab request all the same: refused with 4404, not dropped.
    return raw;
  }
}

/**
 * `ws://HOST/collab/:meetingId`. Refusals (unknown meeting, no access) accept the upgrade and
 * close with a 44xx code and a reason, because browsers hide HTTP statuses of failed upgrades
 * and y-websocket treats 44xx as final.
 */
export function createCollabEndpoint(options: CollabEndpointOptions): CollabEndpoint {
  const { registry, log, maxMessageBytes, limits } = options;
  // ws enforces a hard cap itself (closing with 1009); below it we check the configured limit
  // so that an oversized message gets 4413 and a reason.
  const wss = new WebSocketServer({ noServer: true, maxPayload: Math.max(maxMessageBytes * 4, maxMessageBytes + (1 << 20)) });
  const live = new Map<WebSocket, LiveEntry>();
  const heartbeat = startHeartbeat(options.heartbeatIntervalMs);

  function refuse(ws: WebSocket, code: number, reason: string) {
    ws.close(code, truncateReason(reason));
  }

  // Closes decided while a connection was still being authorized and loaded apply to it too:
  // its access was read before the change, and it was not in `live` yet to be closed.
  const recentCloses: { match: (entry: LiveEntry) => boolean; code: number; reason: string; at: number }[] = [];

  function closeWhere(match: (entry: LiveEntry) => boolean, code: number, reason: string) {
    const now = performance.now();
    while (recentCloses.length > 0 && now - recentCloses[0]!.at > options.recheckMs) recentCloses.shift();
    recentCloses.push({ match, code, reason, at: now });
    for (const [ws, entry] of live) {
      if (!match(entry)) continue;
      entry.doc.removePeer(entry.peer);
      refuse(ws, code, reason);
    }
  }

  /**
   * Runs `attempt` again while the database is unreachable, so that a client connecting during
   * an outage is served the moment it is back, rather than closed and left to its reconnection
   * backoff. Gives up when the socket closes or after OUTAGE_WAIT_MS; a failure while the
   * database answers is retried once (it may just have come back), then passed on.
   */
  async function acrossOutage<T>(attempt: () => Promise<T>, gone: () => boolean): Promise<T> {
    const giveUpAt = performance.now() + OUTAGE_WAIT_MS;
    let retriedWhileUp = false;
    for (;;) {
      try {
        return await attempt();
      } catch (error) {
        if (!isOutage(error)) throw error;
        let waited = false;
        while (!(await options.databaseReachable(OUTAGE_POLL_MS * 4))) {
          waited = true;
          if (gone() || performance.now() >= giveUpAt) throw error;
          await new Promise((resolve) => setTimeout(resolve, OUTAGE_POLL_MS));
        }
        if (gone() || (!waited && retriedWhileUp)) throw error;
        retriedWhileUp ||= !waited;
      }
    }
  }

  /**
   * Whatever a peer sends is handled inside a handler; an error that escapes the checks drops
   * that document (its peers reconnect and reload the committed state), never the process.
   */
  function unexpected(error: unknown, doc: LiveDocument, what: string) {
    log.error('collab.handler_failed', { meetingId: doc.meetingId, what, error: String(error), stack: (error as Error)?.stack });
    doc.drop(error, 'internal error; reconnect');
  }

  async function attach(ws: WebSocket, req: IncomingMessage, meetingId: string) {
    // Frames that arrive while we authorize and load are kept and handled in order afterwards,
    // up to a bound: a connection waiting out a database outage must not buffer without end.
    const early: [Buffer, boolean][] = [];
    let earlyBytes = 0;
    const onEarly = (data: Buffer, isBinary: boolean) => {
      early.push([data, isBinary]);
      earlyBytes += data.byteLength;
      if (earlyBytes > 4 * maxMessageBytes) refuse(ws, CloseCode.tryAgainLater, 'the minutes are not loaded yet; try again later');
    };
    ws.on('message', onEarly);
    let closed = false;
    ws.once('close', () => (closed = true));

    const startedAt = performance.now();
    let access: CollabAccess;
    let lease: DocumentLease;
    try {
      access = await acrossOutage(() => options.authorize(req, meetingId), () => closed);
      lease = await acrossOutage(() => registry.acquire(meetingId), () => closed);
    } catch (error) {
      const { code, reason } = toClose(error);
      if (code === CloseCode.internalError) log.error('collab.open_failed', { meetingId, error: String(error) });
      ws.off('message', onEarly);
      refuse(ws, code, code === CloseCode.internalError ? 'could not load the minutes' : reason);
      return;
    }
    ws.off('message', onEarly);
    if (closed) {
      lease.release();
      return;
    }
    const { doc } = lease;

    const peer: Peer = {
      id: `p${nextPeerId++}`,
      userId: access.userId,
      readOnly: access.readOnly,
      draftOnly: access.draftOnly,
      send(message) {
        sendBounded(ws, message, limits.maxBufferedBytes);
      },
      close(code, reason) {
        ws.close(code, truncateReason(reason));
      },
    };
    const entry: LiveEntry = { peer, doc, access };
    const missed = recentCloses.find((c) => c.at >= startedAt && c.match(entry));
    if (missed) {
      lease.release();
      return refuse(ws, missed.code, missed.reason);
    }
    live.set(ws, entry);
    try {
      doc.addPeer(peer);
    } catch (error) {
      unexpected(error, doc, 'could not attach');
    }
    const syncRequests = new TokenBucket(limits.syncRequestBurst, limits.syncRequestsPerSecond);

    const handle = (data: Buffer, isBinary: boolean) => {
      if (data.byteLength > maxMessageBytes) {
        log.warn('collab.message_too_large', { meetingId, peer: peer.id, bytes: data.byteLength });
        doc.removePeer(peer);
        return refuse(ws, CloseCode.messageTooLarge, `message of ${data.byteLength} bytes exceeds the limit of ${maxMessageBytes}`);
      }
      try {
        if (!isBinary) throw new MalformedFrameError('text frames are not part of the protocol');
        const frame = decodeClientFrame(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        // Each answer may be the whole document: an amplifier if not limited.
        if (frame.kind === 'syncStep1' && !syncRequests.take()) throw new PeerRefusal(CloseCode.tryAgainLater, 'too many sync requests');
        doc.receive(peer, frame);
      } catch (error) {
        if (!(error instanceof MalformedFrameError || error instanceof PeerRefusal)) return unexpected(error, doc, 'message handler failed');
        const code = error instanceof PeerRefusal ? error.code : CloseCode.malformedMessage;
        log.warn('collab.peer_refused', { meetingId, peer: peer.id, user: access.userId, code, reason: error.message });
        doc.removePeer(peer);
        refuse(ws, code, error.message);
      }
    };
    ws.on('message', handle);
    const recheck = setInterval(() => {
      options.authorize(req, meetingId).then(
        (now) => {
          if (now.readOnly === access.readOnly && now.draftOnly === access.draftOnly) return;
          // Out of the document first, as every refusal: ws still delivers what a client sends
          // until it answers the close frame, and this peer may no longer write.
          doc.removePeer(peer);
          refuse(ws, CloseCode.serverRestart, 'Your access changed.');
        },
        (error) => {
          const { code, reason } = toClose(error);
          // A database hiccup is not a reason to throw an editor out.
          if (code === CloseCode.internalError || code === CloseCode.tryAgainLater) return;
          doc.removePeer(peer);
          refuse(ws, code, reason);
        },
      );
    }, options.recheckMs);
    recheck.unref();
    ws.on('close', () => {
      clearInterval(recheck);
      live.delete(ws);
      try {
        doc.removePeer(peer);
      } catch (error) {
        unexpected(error, doc, 'could not detach');
      }
      lease.release();
    });
    for (const [data, isBinary] of early) {
      if (ws.readyState !== ws.OPEN) break;
      handle(data, isBinary);
    }
  }

  return {
    handleUpgrade(req, socket, head) {
      const meetingId = meetingIdFromPath(req.url);
      if (meetingId === null) return false;
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.on('error', (error) => log.warn('collab.socket_error', { meetingId, error: String(error) }));
        heartbeat.watch(ws, () => log.info('collab.peer_unresponsive', { meetingId, peer: live.get(ws)?.peer.id }));
        attach(ws, req, meetingId).catch((error: unknown) => {
          log.error('collab.attach_failed', { meetingId, error: String(error), stack: (error as Error)?.stack });
          refuse(ws, CloseCode.internalError, 'internal error');
        });
      });
      return true;
    },
    disconnectUser(userId, meetingIds, code, reason) {
      closeWhere((e) => e.access.userId === userId && (meetingIds === 'all' || meetingIds.has(e.doc.meetingId)), code, reason);
    },
    disconnectMeeting(meetingId, code, reason) {
      closeWhere((e) => e.doc.meetingId === meetingId, code, reason);
    },
    disconnectSession(sessionId, code, reason) {
      closeWhere((e) => e.access.sessionId === sessionId, code, reason);
    },
    close() {
      heartbeat.stop();
      for (const ws of live.keys()) ws.close(CloseCode.serverRestart, 'server shutting down');
      wss.close();
    },
  };
}
