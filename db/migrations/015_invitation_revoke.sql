-- Outstanding invitations can be listed and revoked. The token is stored only as its hash, which
-- is not something to put in an address an admin's browser history keeps: each invitation gets
-- an id of its own. A revoked invitation stays (who invited whom, and when, is history).
alter table invitations add column id uuid not null default gen_random_uuid();
alter table invitations add constraint invitations_id_key unique (id);
alter table invitations add column revoked_at timestamptz;
