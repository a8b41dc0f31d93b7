import type { Queryable } from '../client.js';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  target?: string | null;
  details?: Record<string, unknown>;
  ip?: string | null;
}

export async function appendAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db`
    insert into audit_log (actor_id, action, target, details, ip)
    values (${entry.actorId}, ${entry.action}, ${entry.target ?? null}, ${db.json((entry.details ?? {}) as never)}, ${entry.ip ?? null})`;
}

export interface AuditRow {
  id: string;
  at: Date;
  actorId: string | null;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  ip: string | null;
}

export interface AuditFilter {
  limit?: number;
  /** Only entries older than this one (its id). */
  before?: string;
  /** One action, or with no dot in it every action of that family (`amendment` → `amendment.*`). */
  action?: string;
  target?: string;
}

/** The newest entries first. */
export async function listAudit(db: Queryable, { limit = 200, before, action, target }: AuditFilter = {}): Promise<AuditRow[]> {
  const none = db``;
  return db<AuditRow[]>`
    select id, at, actor_id, action, target, details, ip from audit_log
    where true
      ${before ? db`and id < ${before}` : none}
      ${target ? db`and target = ${target}` : none}
      ${action ? (action.includes('.') ? db`and action = ${action}` : db`and starts_with(action, ${`${action}.`})`) : none}
    order by id desc limit ${limit}`;
}

/** The action of an accepted amendment's text change, written by the commit of that change: the command writes it, findAmendmentApplied reads it. */
export const AMENDMENT_APPLIED = 'minutes.amend';

/** The AMENDMENT_APPLIED entry of an amendment: its wording is in the minutes (committed with this entry). */
export async function findAmendmentApplied(db: Queryable, meetingId: string, amendmentId: string): Promise<{ quote: string } | undefined> {
  const [row] = await db<{ quote: string }[]>`
    select details->>'quote' as quote from audit_log
    where target = ${meetingId} and action = ${AMENDMENT_APPLIED} and details->>'amendmentId' = ${amendmentId}
    order by id limit 1`;
  return row;
}
