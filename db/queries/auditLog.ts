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

export async function listAudit(db: Queryable, limit = 200): Promise<AuditRow[]> {
  return db<AuditRow[]>`select id, at, actor_id, action, target, details, ip from audit_log order by id desc limit ${limit}`;
}
