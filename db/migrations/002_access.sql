create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null unique,
  name text not null,
  password_hash text not null,
  is_admin boolean not null default false,
  disabled boolean not null default false,
  locale text not null default 'ar' check (locale in ('ar', 'en')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- The cookie holds a random token; only its SHA-256 is stored, so a database leak does not
-- leak usable sessions.
create table sessions (
  id text primary key,
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index sessions_user_idx on sessions (user_id);

create table memberships (
  group_id uuid not null references groups (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  role text not null check (role in ('secretary', 'delegate', 'observer')),
  created_at timestamptz not null default now(),
  primary key (group_id, user_id)
);
create index memberships_user_idx on memberships (user_id);

create table invitations (
  token_hash text primary key,
  email text not null,
  is_admin boolean not null default false,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);

create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_id uuid references users (id) on delete set null,
  action text not null,
  target text,
  details jsonb not null default '{}',
  ip text
);
create index audit_log_at_idx on audit_log (at);
