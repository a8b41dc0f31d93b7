-- How a working group writes digits in the Arabic text the app produces for it (pages, generated
-- minutes text, PDF). Existing groups get Western digits, the default of the minutes.
alter table groups add column digits text not null default 'western' check (digits in ('western', 'arabic-indic'));

-- An action item's owner may be a member of the group, linked to their account (the node's
-- `ownerUserId`), so that "My action items" finds it. Kept only while they are a member: the
-- projection writes null for anyone else.
alter table action_items add column owner_user_id uuid references users (id) on delete set null;
create index action_items_owner_user_idx on action_items (owner_user_id) where owner_user_id is not null;
