import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppSocket } from '../../../realtime/socket.js';
import { amendmentsApi } from './amendmentsApi.js';
import { EMPTY, withAmendments, withComments, type Annotations } from './annotationsState.js';
import type { AmendmentDto, CommentDto } from './types.js';

/**
 * The amendments and comments of a meeting, kept live: read over REST, then changed in place by
 * `amendments:changed` / `comments:changed` (socket.io, the page's meeting room), and read again
 * after every reconnection. `apply` puts in what one's own request answered at once.
 */
export function useAnnotations(meetingId: string, socket: AppSocket | null) {
  const [state, setState] = useState<Annotations>(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);
  // Live events since the current read began: newer than its answer, so applied on top of it.
  const pending = useRef<Annotations>(EMPTY);

  const load = useCallback(() => {
    const mine = ++generation.current;
    pending.current = EMPTY;
    Promise.all([amendmentsApi.amendments(meetingId), amendmentsApi.comments(meetingId)]).then(
      ([amendments, comments]) => {
        if (mine !== generation.current) return;
        setState(withComments(withAmendments({ amendments, comments }, pending.current.amendments), pending.current.comments));
        pending.current = EMPTY;
        setError(null);
      },
      (e: unknown) => mine === generation.current && setError(e),
    );
  }, [meetingId]);

  useEffect(() => {
    setState(EMPTY);
    load();
    return () => {
      generation.current += 1;
    };
  }, [load]);

  useEffect(() => {
    if (!socket) return;
    const amendments = (e: { meetingId: string; amendments: AmendmentDto[] }) => {
      if (e.meetingId !== meetingId) return;
      pending.current = withAmendments(pending.current, e.amendments);
      setState((prev) => withAmendments(prev, e.amendments));
    };
    const comments = (e: { meetingId: string; comments: CommentDto[]; removed?: string[] }) => {
      if (e.meetingId !== meetingId) return;
      pending.current = withComments(pending.current, e.comments, e.removed);
      setState((prev) => withComments(prev, e.comments, e.removed));
    };
    socket.on('amendments:changed', amendments);
    socket.on('comments:changed', comments);
    socket.on('connect', load);
    return () => {
      socket.off('amendments:changed', amendments);
      socket.off('comments:changed', comments);
      socket.off('connect', load);
    };
  }, [socket, meetingId, load]);

  const applyAmendment = useCallback((a: AmendmentDto) => setState((prev) => withAmendments(prev, [a])), []);
  const applyComment = useCallback((c: CommentDto) => setState((prev) => withComments(prev, [c])), []);
  return { annotations: state, error, reload: load, applyAmendment, applyComment };
}
