-- GET /api/audit?target=: everything recorded about one meeting, account or item, newest first,
-- without reading the whole log.
create index audit_log_target_idx on audit_log (target, id);
