-- Amendments proposed by the members of a side, anchored to a range of the minutes by two Yjs
-- relative positions (base64 of Y.encodeRelativePosition). `quote` is the anchored text as it
-- read at the last recomputation; `insertion`: the anchor was a collapsed range when proposed.
create table amendments (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null references meetings (id) on delete cascade,
  author_id uuid not null references users (id) on delete cascade,
  side text,
  anchor_start text not null,
  anchor_end text not null,
  insertion boolean not null,
  quote text not null,
  proposed text not null,
  rationale text not null default '',
  status text not null default 'open' check (status in ('open', 'accepted', 'rejected', 'withdrawn', 'outdated')),
  created_at timestamptz not null default now(),
  decided_by uuid references users (id) on delete set null,
  decided_at timestamptz,
  reason text
);
create index amendments_meeting_idx on amendments (meeting_id, created_at);
create index amendments_open_idx on amendments (meeting_id) where status = 'open';

-- Comment threads: a first comment (anchored to a range, or to the whole meeting) and replies
-- (`parent_id`, never anchored). Plain text, stored exactly as sent.
create table comments (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null references meetings (id) on delete cascade,
  author_id uuid not null references users (id) on delete cascade,
  parent_id uuid references comments (id) on delete cascade,
  anchor_start text,
  anchor_end text,
  quote text,
  body text not null,
  resolved boolean not null default false,
  created_at timestamptz not null default now(),
  edited_at timestamptz,
  check ((anchor_start is null) = (anchor_end is null))
);
create index comments_meeting_idx on comments (meeting_id, created_at);
