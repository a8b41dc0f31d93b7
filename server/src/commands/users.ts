import type { Locale } from '../../../shared/api/auth.js';
import { appendAudit } from '../../../db/queries/auditLog.js';
import { revokeInvitationsOf } from '../../../db/queries/invitations.js';
import { countUsers, findUser, insertUser, lockActiveAdmins, updateUser, type UserRow } from '../../../db/queries/users.js';
import { CloseCode } from '../../../shared/collab/closeCodes.js';
import type { AppContext } from '../context.js';
import { endSessionsOfUser } from './sessions.js';
import { conflict, notFound } from '../errors.js';

export async function createUser(
  ctx: AppContext,
  actorId: string | null,
  input: { email: string; name: string; password: string; isAdmin: boolean },
  ip?: string,
): Promise<UserRow> {
  const passwordHash = await ctx.passwords.hash(input.password);
  return ctx.db.sql.begin(async (tx) => {
    const user = await insertUser(tx, { ...input, passwordHash });
    if (!user) throw conflict('A user with this email already exists.', 'email_taken');
    await appendAudit(tx, { actorId, action: 'user.create', target: user.id, details: { email: user.email, isAdmin: user.isAdmin }, ip });
    return user;
  });
}

/** The first admin, from the setup page: only while no user exists at all. */
export async function createFirstAdmin(
  ctx: AppContext,
  input: { email: string; name: string; password: string },
  ip: string,
): Promise<UserRow> {
  return ctx.db.sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(727002)`;
    if ((await countUsers(tx)) > 0) throw conflict('Setup is already done.', 'setup_done');
    const user = await insertUser(tx, { ...input, isAdmin: true, passwordHash: await ctx.passwords.hash(input.password) });
    await appendAudit(tx, { actorId: user!.id, action: 'user.setup_admin', target: user!.id, details: { email: user!.email }, ip });
    return user!;
  });
}

/** `ADMIN_EMAIL`/`ADMIN_PASSWORD` at start: create that admin, or leave an existing account alone. */
export async function ensureConfiguredAdmin(ctx: AppContext): Promise<void> {
  const admin = ctx.config.admin;
  if (!admin) return;
  const passwordHash = await ctx.passwords.hash(admin.password);
  await ctx.db.sql.begin(async (tx) => {
    const user = await insertUser(tx, { email: admin.email.trim().toLowerCase(), name: admin.name, isAdmin: true, passwordHash });
    if (user) await appendAudit(tx, { actorId: null, action: 'user.create', target: user.id, details: { email: user.email, isAdmin: true, from: 'ADMIN_EMAIL' } });
  });
}

export async function changeUser(
  ctx: AppContext,
  actorId: string,
  userId: string,
  patch: { name?: string; password?: string; isAdmin?: boolean; disabled?: boolean },
  ip: string,
): Promise<UserRow> {
  if (!(await findUser(ctx.db.sql, userId))) throw notFound('User');
  if (userId === actorId && (patch.isAdmin === false || patch.disabled === true)) {
    throw conflict('You cannot remove your own admin rights or disable yourself.', 'self_change');
  }
  const passwordHash = patch.password === undefined ? undefined : await ctx.passwords.hash(patch.password);
  const user = await ctx.db.sql.begin(async (tx) => {
    if (patch.isAdmin === false || patch.disabled === true) {
      const admins = await lockActiveAdmins(tx);
      if (admins.length === 1 && admins[0] === userId) {
        throw conflict('The installation keeps at least one enabled admin: make another account an admin first.', 'last_admin');
      }
    }
    const row = await updateUser(tx, userId, { name: patch.name, isAdmin: patch.isAdmin, disabled: patch.disabled, passwordHash });
    if (patch.isAdmin === false || patch.disabled === true) {
      for (const invitation of await revokeInvitationsOf(tx, userId)) {
        await appendAudit(tx, { actorId, action: 'invitation.revoke', target: invitation.email, details: { id: invitation.id, reason: 'maker_lost_rights' }, ip });
      }
    }
    const details = { ...patch, password: patch.password === undefined ? undefined : '(changed)' };
    await appendAudit(tx, { actorId, action: 'user.update', target: userId, details, ip });
    return row;
  });
  if (patch.disabled || patch.password !== undefined) {
    await endSessionsOfUser(ctx, userId, 'Your session has ended.');
  } else if (patch.isAdmin !== undefined) {
    // Rights changed: reconnect so the server re-evaluates what this user may do. The live
    // events' connection too: it holds the admins' room, the rooms of meetings it watched as an
    // admin, and the user as they were (the client reconnects, client/src/realtime/reconnect.ts).
    ctx.collab.disconnectUser(userId, 'all', CloseCode.serverRestart, 'Your access changed.');
    ctx.realtime.disconnectUser(userId);
  }
  return user!;
}

export async function setLocale(ctx: AppContext, userId: string, locale: Locale): Promise<UserRow> {
  return (await updateUser(ctx.db.sql, userId, { locale }))!;
}
