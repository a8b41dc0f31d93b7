-- A user who never chose an interface language has none (null): the browser's languages decide
-- (Accept-Language, navigator.languages) until they choose. Accounts that exist keep theirs.
alter table users alter column locale drop default;
alter table users alter column locale drop not null;
