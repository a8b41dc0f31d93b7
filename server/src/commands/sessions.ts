import { CloseCode } from '../../../shared/collab/closeCodes.js';
import { revokeSession, revokeSessionsOfUser } from '../../../db/queries/sessions.js';
import { appendAudit, type AuditEntry } from '../../../db/queries/auditLog.js';
import type { AppContext } from '../context.js';

/**
 * Ends one session (sign-out, an admin's revocation): revoked in the database first (with its
 * audit entry, in one transaction), then every
 * websocket opened with it (collab with 4401, socket.io) is closed at once, not at its next
 * re-check.
 */
export async function endSession(ctx: AppContext, sessionId: string, reason: string, audit: AuditEntry): Promise<void> {
  await ctx.db.sql.begin(async (tx) => {
    await revokeSession(tx, sessionId);
    await appendAudit(tx, audit);
  });
  ctx.collab.disconnectSession(sessionId, CloseCode.unauthenticated, reason);
  ctx.realtime.disconnectSession(sessionId);
}

/** Ends every session of a user (disabled, new password), closing their websockets at once. */
export async function endSessionsOfUser(ctx: AppContext, userId: string, reason: string): Promise<void> {
  await revokeSessionsOfUser(ctx.db.sql, userId);
  ctx.collab.disconnectUser(userId, 'all', CloseCode.unauthenticated, reason);
  ctx.realtime.disconnectUser(userId);
}
