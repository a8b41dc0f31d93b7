import type { AuditEntryDto } from '../../../shared/api/audit.js';
import type { AuditRow } from '../../../db/queries/auditLog.js';

export function presentAuditEntry(row: AuditRow): AuditEntryDto {
  return { id: String(row.id), at: row.at.toISOString(), actorId: row.actorId, action: row.action, target: row.target, details: row.details, ip: row.ip };
}
