-- The parties of a working group (e.g. Kuwait, United Kingdom): [{"key","nameAr","nameEn"}].
alter table groups add column sides jsonb not null default '[]';

-- A member may belong to a side, and approve the minutes for it.
alter table memberships add column side text;
alter table memberships add column approver boolean not null default false;

-- Frozen copies of the minutes: the Yjs state of a committed document and its ProseMirror JSON
-- in canonical form (RFC 8785), whose SHA-256 is `sha256`. Never updated.
create table minutes_versions (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null references meetings (id) on delete cascade,
  number integer not null,
  label text not null default '',
  kind text not null check (kind in ('manual', 'circulated', 'approved', 'restored')),
  created_at timestamptz not null default now(),
  created_by uuid references users (id) on delete set null,
  sha256 text not null,
  state bytea not null,
  content text not null,
  unique (meeting_id, number)
);

-- One row per approver and version; a withdrawal deletes the row (the audit log keeps it).
create table approvals (
  version_id uuid not null references minutes_versions (id) on delete cascade,
  meeting_id uuid not null references meetings (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  side text not null,
  at timestamptz not null default now(),
  primary key (version_id, user_id)
);
create index approvals_meeting_idx on approvals (meeting_id);
