import type { Database } from '../../../db/client.js';
import { findMeeting } from '../../../db/queries/meetings.js';
import type { CollabEndpoint } from '../collab/collabEndpoint.js';
import type { Logger } from '../logger.js';
import type { Realtime } from '../realtime/realtime.js';
import type { ClusterBus, ClusterNotice } from './clusterBus.js';

type Call = Extract<ClusterNotice, { t: 'call' }>;

const text = (value: unknown): string => {
  if (typeof value !== 'string') throw new TypeError('expected a string argument');
  return value;
};
const list = <T>(value: unknown): T[] => {
  if (!Array.isArray(value)) throw new TypeError('expected a list');
  return value as T[];
};
const code = (value: unknown): number => {
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new TypeError('expected a close code');
  return value;
};

/**
 * App events (socket.io) and disconnections, done on this process and sent to the others: a
 * member removed on one process loses their sockets on all, a tracker page on another process
 * hears about an action item. Ids cross (a meeting is read again where it is announced), and
 * amendment and comment DTOs one per notice.
 */
export function clusterCalls(options: { bus: ClusterBus; db: Database; log: Logger; realtime: Realtime; collab: CollabEndpoint }): {
  realtime: Realtime;
  collab: CollabEndpoint;
} {
  const { bus, db, log, realtime, collab } = options;
  const send = (name: string, ...args: unknown[]) => {
    if (bus.shared) bus.publish({ t: 'call', n: bus.nodeId, name, args });
  };

  const handlers: Record<string, (args: unknown[]) => void> = {
    meetingUpdated: ([id]) => {
      findMeeting(db.sql, text(id)).then(
        (meeting) => meeting && realtime.meetingUpdated(meeting),
        (error: unknown) => log.warn('cluster.meeting_read_failed', { error: String(error) }),
      );
    },
    actionItemsChanged: ([meetingId, groupId]) => realtime.actionItemsChanged(text(meetingId), text(groupId)),
    versionsChanged: ([meetingId]) => realtime.versionsChanged(text(meetingId)),
    approvalsChanged: ([meetingId]) => realtime.approvalsChanged(text(meetingId)),
    // DTOs as the emitting process presented them (the same code on every process).
    amendmentsChanged: ([meetingId, amendments]) => realtime.amendmentsChanged(text(meetingId), list(amendments)),
    commentsChanged: ([meetingId, comments, removed]) => realtime.commentsChanged(text(meetingId), list(comments), list(removed).map(text)),
    leaveGroup: ([userId, groupId]) => realtime.leaveGroup(text(userId), text(groupId)),
    disconnectRealtimeUser: ([userId]) => realtime.disconnectUser(text(userId)),
    disconnectRealtimeSession: ([sessionId]) => realtime.disconnectSession(text(sessionId)),
    disconnectUser: ([userId, meetingIds, closeCode, reason]) =>
      collab.disconnectUser(text(userId), meetingIds === 'all' ? 'all' : new Set((meetingIds as unknown[]).map(text)), code(closeCode), text(reason)),
    disconnectMeeting: ([meetingId, closeCode, reason]) => collab.disconnectMeeting(text(meetingId), code(closeCode), text(reason)),
    disconnectSession: ([sessionId, closeCode, reason]) => collab.disconnectSession(text(sessionId), code(closeCode), text(reason)),
  };
  bus.subscribe((notice) => {
    if (notice.t !== 'call' || notice.n === bus.nodeId) return;
    const handler = handlers[(notice as Call).name];
    if (!handler) return log.warn('cluster.unknown_call', { name: notice.name });
    handler(notice.args);
  });

  return {
    realtime: {
      meetingUpdated(meeting) {
        realtime.meetingUpdated(meeting);
        send('meetingUpdated', meeting.id);
      },
      actionItemsChanged(meetingId, groupId) {
        realtime.actionItemsChanged(meetingId, groupId);
        send('actionItemsChanged', meetingId, groupId);
      },
      versionsChanged(meetingId) {
        realtime.versionsChanged(meetingId);
        send('versionsChanged', meetingId);
      },
      approvalsChanged(meetingId) {
        realtime.approvalsChanged(meetingId);
        send('approvalsChanged', meetingId);
      },
      amendmentsChanged(meetingId, amendments) {
        realtime.amendmentsChanged(meetingId, amendments);
        // One notice per item: each stays within the payload limit (a larger one is logged, not sent).
        for (const amendment of amendments) send('amendmentsChanged', meetingId, [amendment]);
      },
      commentsChanged(meetingId, comments, removed = []) {
        realtime.commentsChanged(meetingId, comments, removed);
        for (const comment of comments) send('commentsChanged', meetingId, [comment], []);
        if (removed.length > 0) send('commentsChanged', meetingId, [], removed);
      },
      leaveGroup(userId, groupId) {
        realtime.leaveGroup(userId, groupId);
        send('leaveGroup', userId, groupId);
      },
      disconnectUser(userId) {
        realtime.disconnectUser(userId);
        send('disconnectRealtimeUser', userId);
      },
      disconnectSession(sessionId) {
        realtime.disconnectSession(sessionId);
        send('disconnectRealtimeSession', sessionId);
      },
      close: () => realtime.close(),
    },
    collab: {
      handleUpgrade: (req, socket, head) => collab.handleUpgrade(req, socket, head),
      disconnectUser(userId, meetingIds, closeCode, reason) {
        collab.disconnectUser(userId, meetingIds, closeCode, reason);
        send('disconnectUser', userId, meetingIds === 'all' ? 'all' : [...meetingIds], closeCode, reason);
      },
      disconnectMeeting(meetingId, closeCode, reason) {
        collab.disconnectMeeting(meetingId, closeCode, reason);
        send('disconnectMeeting', meetingId, closeCode, reason);
      },
      disconnectSession(sessionId, closeCode, reason) {
        collab.disconnectSession(sessionId, closeCode, reason);
        send('disconnectSession', sessionId, closeCode, reason);
      },
      close: () => collab.close(),
    },
  };
}
