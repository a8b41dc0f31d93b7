import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { MeetingDto } from '../../../shared/api/meetings.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/realtime/events.js';
import { SOCKET_IO_CLIENT_OPTIONS } from '../../../shared/realtime/socketOptions.js';
import { reconnectWhenServerEnds } from './reconnect.js';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type MeetingEvent = Omit<MeetingDto, 'access'>;

/**
 * A socket.io connection to this origin (`/socket.io`, the session cookie goes along) for the
 * lifetime of the calling component. It reconnects after network losses and after the server
 * ended it (reconnect.ts); `connect` fires again each time.
 */
export function useSocket(): AppSocket | null {
  const [socket, setSocket] = useState<AppSocket | null>(null);
  useEffect(() => {
    const next: AppSocket = io({ ...SOCKET_IO_CLIENT_OPTIONS, withCredentials: true });
    reconnectWhenServerEnds(next);
    setSocket(next);
    return () => {
      next.disconnect();
      setSocket(null);
    };
  }, []);
  return socket;
}

/**
 * Watches a meeting: `meeting:watch` after every (re)connection, `onWatching` once the server has
 * accepted it (the caller re-reads what it may have missed while not watching), `onUpdate` for
 * each `meeting:updated` of this meeting.
 */
export function useMeetingWatch(
  socket: AppSocket | null,
  meetingId: string,
  handlers: { onUpdate: (meeting: MeetingEvent) => void; onWatching?: () => void },
): void {
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    if (!socket) return;
    const watch = () =>
      socket.emit('meeting:watch', meetingId, (result) => {
        if ('ok' in result) latest.current.onWatching?.();
      });
    const updated = (meeting: MeetingEvent) => {
      if (meeting.id === meetingId) latest.current.onUpdate(meeting);
    };
    socket.on('connect', watch);
    socket.on('meeting:updated', updated);
    if (socket.connected) watch();
    return () => {
      socket.off('connect', watch);
      socket.off('meeting:updated', updated);
      if (socket.connected) socket.emit('meeting:unwatch', meetingId);
    };
  }, [socket, meetingId]);
}

type ChangeEvent = 'actionItems:changed' | 'versions:changed' | 'approvals:changed';

/**
 * Calls `onChange` (debounced by `delayMs`) after any of `events` that `relevant` says matters,
 * and after every (re)connection: changes may have been missed while not connected.
 */
function useChangeEvents(
  socket: AppSocket | null,
  events: readonly ChangeEvent[],
  onChange: () => void,
  relevant: (event: { meetingId: string; groupId?: string }) => boolean,
  delayMs: number,
): void {
  const latest = useRef({ onChange, relevant });
  latest.current = { onChange, relevant };
  const key = events.join(' ');

  useEffect(() => {
    if (!socket) return;
    const names = key.split(' ') as ChangeEvent[];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => latest.current.onChange(), delayMs);
    };
    const changed = (event: { meetingId: string; groupId?: string }) => {
      if (latest.current.relevant(event)) schedule();
    };
    for (const name of names) socket.on(name, changed);
    socket.on('connect', schedule);
    return () => {
      clearTimeout(timer);
      for (const name of names) socket.off(name, changed);
      socket.off('connect', schedule);
    };
  }, [socket, key, delayMs]);
}

/** When the action items of one of the user's groups changed and `relevant(event)` says it matters. */
export function useActionItemsChanged(
  socket: AppSocket | null,
  onChange: () => void,
  relevant: (event: { meetingId: string; groupId: string }) => boolean = () => true,
  delayMs = 250,
): void {
  useChangeEvents(socket, ['actionItems:changed'], onChange, relevant as (event: { meetingId: string; groupId?: string }) => boolean, delayMs);
}

const VERSION_EVENTS = ['versions:changed', 'approvals:changed'] as const;

/** When a version of the meeting's minutes was recorded or an approval given or withdrawn. */
export function useVersionEvents(socket: AppSocket | null, meetingId: string, onChange: () => void, delayMs = 100): void {
  useChangeEvents(socket, VERSION_EVENTS, onChange, (event) => event.meetingId === meetingId, delayMs);
}
