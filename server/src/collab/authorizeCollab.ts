import type { IncomingMessage } from 'node:http';
import { authenticate } from '../auth/authenticate.js';
import { canEditMinutes, requireMeeting } from '../auth/policies.js';
import type { AppContext } from '../context.js';
import { forbidden, unauthenticated } from '../errors.js';
import { isSameSite } from '../http/security.js';
import type { CollabAccess } from './collabEndpoint.js';

/**
 * Who may open a meeting's minutes over the collab websocket: same-site origin (no cross-site
 * websocket hijacking), a live session, membership of the meeting's group. Who may write is
 * `canEditMinutes` (observers never; delegates not while circulated; nobody once approved).
 */
export async function authorizeCollab(ctx: AppContext, req: IncomingMessage, meetingId: string): Promise<CollabAccess> {
  if (!isSameSite(req, ctx.allowedOrigins)) throw forbidden('Cross-site websocket refused.', 'cross_site');
  const actor = await authenticate(ctx.db.sql, req.headers.cookie, ctx.config.sessionIdleMinutes);
  if (!actor) throw unauthenticated();
  const { meeting, access } = await requireMeeting(ctx.db.sql, actor, meetingId, 'read');
  const readOnly = !canEditMinutes(access, meeting.status);
  return {
    userId: actor.user.id,
    sessionId: actor.sessionId,
    readOnly,
    // Checked again by each commit with its writes: the minutes may be circulated by another
    // server process a moment before this one hears of it.
    draftOnly: !readOnly && !canEditMinutes(access, 'circulated'),
  };
}
