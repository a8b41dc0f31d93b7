import { useCallback, useEffect, useRef, useState } from 'react';
import type { MeetingDto } from '../../../../shared/api/meetings.js';
import { api } from '../../api/endpoints.js';
import { useMeetingWatch, useSocket, type AppSocket, type MeetingEvent } from '../../realtime/socket.js';

export type LiveMeeting = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; meeting: MeetingDto };

/**
 * Newer details win (by `updatedAt`: an answer that left before a live event may arrive after
 * it); the caller's `access` comes only from the REST answers, the broadcast has none.
 */
export function mergeMeeting(current: MeetingDto | null, next: MeetingEvent & { access?: MeetingDto['access'] }): MeetingDto {
  const access = next.access ?? current?.access ?? 'read';
  if (current && current.id === next.id && next.updatedAt < current.updatedAt) return { ...current, access };
  return { ...next, access };
}

/**
 * A meeting kept up to date: loaded over REST, then changed by `meeting:updated` (socket.io)
 * without a reload. After each (re)connection the meeting is read again, so nothing said while
 * not watching is missed. A failed re-read keeps what is shown (the editor reports lost access).
 */
export function useLiveMeeting(meetingId: string): {
  state: LiveMeeting;
  reload: () => void;
  apply: (meeting: MeetingEvent | MeetingDto) => void;
  /** The page's socket.io connection, for the other live parts of the page. */
  socket: AppSocket | null;
} {
  const [state, setState] = useState<LiveMeeting>({ status: 'loading' });
  const generation = useRef(0);

  const load = useCallback(() => {
    const mine = ++generation.current;
    api.meeting(meetingId).then(
      (meeting) => {
        if (mine !== generation.current) return;
        setState((prev) => ({ status: 'ready', meeting: mergeMeeting(prev.status === 'ready' ? prev.meeting : null, meeting) }));
      },
      (error: unknown) => {
        if (mine !== generation.current) return;
        setState((prev) => (prev.status === 'ready' ? prev : { status: 'error', error }));
      },
    );
  }, [meetingId]);

  useEffect(() => {
    setState({ status: 'loading' });
    load();
    return () => {
      generation.current += 1;
    };
  }, [load]);

  const apply = useCallback((meeting: MeetingEvent | MeetingDto) => {
    setState((prev) => (prev.status === 'ready' ? { status: 'ready', meeting: mergeMeeting(prev.meeting, meeting) } : prev));
  }, []);

  const socket = useSocket();
  useMeetingWatch(socket, meetingId, { onUpdate: apply, onWatching: load });

  return { state, reload: load, apply, socket };
}
