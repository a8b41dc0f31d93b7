-- Outstanding invitations can be listed and revoked. The token is stored only as its hash, which
-- is not something to put in an address an admin's browser history keeps: each invitation gets
-- an id of its own. A revoked invitation stays (who invited whom, and when, is history).
alter table invitations add column id uuid not null default gen_random_uuid();
alter table invitations add constraint invitations_id_key unique (id);
alter table invitations add column revoked_at timestamptz;
-- An invitation ends with its maker's admin rights (revoked when they are taken away, see
-- commands/users.ts); those of makers who lost them before this migration are revoked now.
update invitations i set revoked_at = now()
where i.used_at is null
  and not exists (select 1 from users c where c.id = i.created_by and c.is_admin and not c.disabled);
