import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { revokeSession, revokeSessionsOfUser } from '../../../db/queries/sessions.js';
import type { AppContext } from '../context.js';

/**
 * Ends one session (sign-out, an admin's revocation): revoked in the database first, then every
 * websocket opened with it (collab with 4401, socket.io) is closed at once, not at its next
 * re-check.
 */
export async function endSession(ctx: AppContext, sessionId: string, reason: string): Promise<void> {
  await revokeSession(ctx.db.sql, sessionId);
  ctx.collab.disconnectSession(sessionId, CloseCode.unauthenticated, reason);
  ctx.realtime.disconnectSession(sessionId);
}

/** Ends every session of a user (disabled, new password), closing their websockets at once. */
export async function endSessionsOfUser(ctx: AppContext, userId: string, reason: string): Promise<void> {
  await revokeSessionsOfUser(ctx.db.sql, userId);
  ctx.collab.disconnectUser(userId, 'all', CloseCode.unauthenticated, reason);
  ctx.realtime.disconnectUser(userId);
}
