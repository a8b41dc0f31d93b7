-- Who first wrote under each Yjs client id of a meeting's minutes (user_id null: the server).
-- Content under a client id is accepted only from its owner, so that no member can write under
-- another's id (the owner's later edits at the same clocks would be dropped as duplicates).
-- Recorded before the content that claimed the id is committed.
create table minutes_client_ids (
  meeting_id uuid not null references meetings (id) on delete cascade,
  client_id bigint not null check (client_id between 0 and 4294967295),
  user_id uuid references users (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (meeting_id, client_id)
);
