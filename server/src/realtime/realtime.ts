import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { AmendmentDto } from '../../../shared/api/amendments.js';
import type { CommentDto } from '../../../shared/api/comments.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/realtime/events.js';
import { SOCKET_IO_PATH, SOCKET_IO_TRANSPORTS } from '../../../shared/realtime/socketOptions.js';
import type { Database } from '../../../db/client.js';
import type { MeetingRow } from '../../../db/queries/meetings.js';
import { rolesOfUser } from '../../../db/queries/memberships.js';
import { authenticate, type Actor } from '../auth/authenticate.js';
import { requireMeeting } from '../auth/policies.js';
import type { Logger } from '../logger.js';
import { isSameSite } from '../http/security.js';
import { presentMeetingEvent } from '../presenters/meeting.js';
import type { PeerLimits } from '../collab/peerLimits.js';
import { limitSocket } from './socketLimits.js';

interface SocketData {
  actor: Actor;
  /** When its session was checked: an end decided after that applies to it. */
  checkedAt: number;
  /** Watched meetings → their group, to leave them when membership ends. */
  watching: Map<string, string>;
  /**
   * Counts the memberships of its user ended while it is connected. A room is joined only when no
   * membership ended while its access was being checked: an end that `leaveGroup` applied in that
   * window found nothing to leave yet, and joining on the stale answer would have kept a removed
   * member hearing the meeting's comments and amendments.
   */
  membershipEnds: number;
}

type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** App events over socket.io (`/socket.io`): live meeting details and action-item changes. */
export interface Realtime {
  meetingUpdated(meeting: MeetingRow): void;
  actionItemsChanged(meetingId: string, groupId: string): void;
  versionsChanged(meetingId: string): void;
  approvalsChanged(meetingId: string): void;
  amendmentsChanged(meetingId: string, amendments: AmendmentDto[]): void;
  commentsChanged(meetingId: string, comments: CommentDto[], removed?: string[]): void;
  leaveGroup(userId: string, groupId: string): void;
  disconnectUser(userId: string): void;
  disconnectSession(sessionId: string): void;
  close(): Promise<void>;
}

const rooms = {
  user: (id: string) => `user:${id}`,
  group: (id: string) => `group:${id}`,
  meeting: (id: string) => `meeting:${id}`,
  admins: 'admins',
};

export function createRealtime(options: {
  httpServer: HttpServer;
  db: Database;
  log: Logger;
  sessionIdleMinutes: number;
  allowedOrigins: Set<string>;
  limits: PeerLimits;
}): Realtime {
  const { db, log } = options;
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(options.httpServer, {
    path: SOCKET_IO_PATH,
    transports: SOCKET_IO_TRANSPORTS,
    serveClient: false,
    // engine.io otherwise destroys upgrades it does not own (the collab websocket) after 1 s.
    destroyUpgrade: false,
    // Clients only send meeting ids: the 1 MB default is an open door for memory.
    maxHttpBufferSize: 16 * 1024,
    allowRequest: (req, callback) => callback(null, isSameSite(req, options.allowedOrigins)),
  });

  // Sessions and users ended recently: a socket whose session was checked just before the end,
  // but which was not connected yet when the end closed the others, is closed on connecting.
  const recentEnds: { match: (actor: Actor) => boolean; at: number }[] = [];
  function endWhere(match: (actor: Actor) => boolean) {
    const now = performance.now();
    while (recentEnds.length > 0 && now - recentEnds[0]!.at > 60_000) recentEnds.shift();
    recentEnds.push({ match, at: now });
    for (const [, socket] of io.of('/').sockets) {
      if (socket.data.actor && match(socket.data.actor)) socket.disconnect(true);
    }
  }

  io.use(async (socket, next) => {
    try {
      socket.data.checkedAt = performance.now();
      const actor = await authenticate(db.sql, socket.request.headers.cookie, options.sessionIdleMinutes);
      if (!actor) return next(new Error('unauthenticated'));
      socket.data.actor = actor;
      socket.data.watching = new Map();
      socket.data.membershipEnds = 0;
      next();
    } catch (error) {
      log.error('realtime.auth_failed', { error: String(error) });
      next(new Error('internal error'));
    }
  });

  io.on('connection', (socket: RealtimeSocket) => {
    if (recentEnds.some((end) => end.at >= socket.data.checkedAt && end.match(socket.data.actor))) {
      socket.disconnect(true);
      return;
    }
    limitSocket(socket, options.limits, log);
    // Handlers first: an event sent right after connecting must not miss them.
    socket.on('meeting:watch', async (meetingId, ack) => {
      try {
        const meeting = await checkedWhileMember(socket, async () => (await requireMeeting(db.sql, socket.data.actor, String(meetingId), 'read')).meeting);
        socket.data.watching.set(meeting.id, meeting.groupId);
        await socket.join(rooms.meeting(meeting.id));
        if (typeof ack === 'function') ack({ ok: true });
      } catch (error) {
        if (typeof ack === 'function') ack({ error: (error as Error).message });
      }
    });
    socket.on('meeting:unwatch', async (meetingId) => {
      socket.data.watching.delete(String(meetingId));
      await socket.leave(rooms.meeting(String(meetingId)));
    });
    void joinOwnRooms(socket).catch((error) => log.error('realtime.join_failed', { error: String(error) }));
  });

  async function joinOwnRooms(socket: RealtimeSocket): Promise<void> {
    const { user } = socket.data.actor;
    const groups = await checkedWhileMember(socket, async () => [...(await rolesOfUser(db.sql, user.id)).keys()].map(rooms.group));
    await socket.join([rooms.user(user.id), ...groups, ...(user.isAdmin ? [rooms.admins] : [])]);
  }

  /** `check`'s answer, asked again while a membership of the socket's user ended meanwhile. */
  async function checkedWhileMember<T>(socket: RealtimeSocket, check: () => Promise<T>): Promise<T> {
    for (;;) {
      const ends = socket.data.membershipEnds;
      const answer = await check();
      if (socket.data.membershipEnds === ends) return answer;
    }
  }

  return {
    meetingUpdated(meeting) {
      io.to(rooms.meeting(meeting.id)).emit('meeting:updated', presentMeetingEvent(meeting));
    },
    actionItemsChanged(meetingId, groupId) {
      io.to([rooms.group(groupId), rooms.admins, rooms.meeting(meetingId)]).emit('actionItems:changed', { meetingId, groupId });
    },
    versionsChanged(meetingId) {
      io.to(rooms.meeting(meetingId)).emit('versions:changed', { meetingId });
    },
    approvalsChanged(meetingId) {
      io.to(rooms.meeting(meetingId)).emit('approvals:changed', { meetingId });
    },
    amendmentsChanged(meetingId, amendments) {
      if (amendments.length > 0) io.to(rooms.meeting(meetingId)).emit('amendments:changed', { meetingId, amendments });
    },
    commentsChanged(meetingId, comments, removed = []) {
      if (comments.length + removed.length > 0) io.to(rooms.meeting(meetingId)).emit('comments:changed', { meetingId, comments, removed });
    },
    leaveGroup(userId, groupId) {
      for (const [, socket] of io.of('/').sockets) {
        if (socket.data.actor?.user.id !== userId || socket.data.actor.user.isAdmin) continue;
        socket.data.membershipEnds += 1;
        void socket.leave(rooms.group(groupId));
        for (const [meetingId, ofGroup] of socket.data.watching) {
          if (ofGroup !== groupId) continue;
          socket.data.watching.delete(meetingId);
          void socket.leave(rooms.meeting(meetingId));
        }
      }
    },
    disconnectUser(userId) {
      endWhere((actor) => actor.user.id === userId);
    },
    disconnectSession(sessionId) {
      endWhere((actor) => actor.sessionId === sessionId);
    },
    close: () => new Promise((resolve) => io.close(() => resolve())),
  };
}
