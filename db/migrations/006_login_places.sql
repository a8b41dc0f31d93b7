-- Where each account has signed in successfully: an address (`ip:…`) or a browser (`device:…`,
-- the SHA-256 of its device cookie). Sign-ins from these places are not slowed by failed
-- attempts from elsewhere, so an attacker cannot keep a user out.
create table login_places (
  user_id uuid not null references users (id) on delete cascade,
  place text not null,
  last_at timestamptz not null default now(),
  primary key (user_id, place)
);
