create table groups (
  id uuid primary key default gen_random_uuid(),
  name_ar text not null,
  name_en text not null,
  created_at timestamptz not null default now()
);

create table meetings (
  id uuid primary key default gen_random_uuid(),
  group_id uuid not null references groups (id) on delete cascade,
  title_ar text not null,
  title_en text not null,
  starts_at timestamptz not null,
  session_number integer,
  time_zone text not null default 'Asia/Kuwait',
  place text not null default '',
  is_virtual boolean not null default false,
  language text not null default 'ar' check (language in ('ar', 'en', 'both')),
  status text not null default 'draft' check (status in ('draft', 'circulated', 'approved')),
  delegations jsonb not null default '[]',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index meetings_group_idx on meetings (group_id, starts_at);

-- Append-only log of Yjs updates, one row per group commit. Compaction replaces a meeting's rows
-- by one merged row; the document is the merge of all rows, in any order.
create table minutes_updates (
  id bigint generated always as identity primary key,
  meeting_id uuid not null references meetings (id) on delete cascade,
  update bytea not null,
  created_at timestamptz not null default now()
);
create index minutes_updates_meeting_idx on minutes_updates (meeting_id, id);
