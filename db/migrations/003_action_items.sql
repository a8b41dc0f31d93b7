-- Projection of the actionItem nodes of every meeting's minutes (the document is the source of
-- truth). Rebuilt per meeting after each committed change.
create table action_items (
  id uuid primary key,
  meeting_id uuid not null references meetings (id) on delete cascade,
  group_id uuid not null references groups (id) on delete cascade,
  position integer not null,
  text text not null,
  owner text not null,
  due date,
  status text not null check (status in ('open', 'in_progress', 'done', 'cancelled')),
  updated_at timestamptz not null default now()
);
create index action_items_meeting_idx on action_items (meeting_id, position);
create index action_items_group_idx on action_items (group_id, status);
