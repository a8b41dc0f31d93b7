-- A word leaves `search_words` once no text has it. The projection indexes a meeting every half
-- second while it is typed into, so most beginnings of every typed word were collected
-- (الاجتما on the way to الاجتماع) and kept for ever: the table and its trigram index grew with
-- every keystroke's prefix, and a partial query was widened to words found nowhere, which took
-- places among its 20 neighbours.
--
-- Checking at each write cost about 1 ms a write on the embedded database, where the
-- projection shares the one connection with the commits. The words a write removed from a text
-- are only noted (`search_words_gone`); the projection later checks them in bulk
-- (`mahdar_prune_words`, about 55 µs a word).

-- The words of a text as search_words holds them (the collector's split, now in one place).
create function mahdar_words(t text) returns setof text
language sql immutable strict parallel safe
as $$
  select distinct w from regexp_split_to_table(mahdar_norm(t), '[^0-9a-z\u00C0-\u024F\u0621-\u064A\u066E-\u06D3\u06D5]+') as w
  where length(w) between 3 and 60
$$;

create or replace function mahdar_collect_words() returns trigger
language plpgsql
as $$
begin
  insert into search_words (word)
  select distinct w from added, mahdar_words(added.text) as w
  on conflict do nothing;
  return null;
end
$$;

-- Words that some text no longer has, to be checked. Unlogged: after a crash it is empty, and
-- the words it held stay in search_words (as before this table).
create unlogged table search_words_gone (word text not null);

-- An update: the new texts' words are collected and the old texts' other words noted.
create function mahdar_update_words() returns trigger
language plpgsql
as $$
declare
  new_words text[] := array(select distinct w from added, mahdar_words(added.text) as w);
begin
  insert into search_words (word) select unnest(new_words) on conflict do nothing;
  insert into search_words_gone (word)
  select w from removed, mahdar_words(removed.text) as w
  except
  select unnest(new_words);
  return null;
end
$$;

create function mahdar_note_deleted_words() returns trigger
language plpgsql
as $$
begin
  insert into search_words_gone (word) select distinct w from removed, mahdar_words(removed.text) as w;
  return null;
end
$$;

drop trigger search_entries_words_update on search_entries;
create trigger search_entries_words_update after update on search_entries
  referencing old table as removed new table as added for each statement execute function mahdar_update_words();
create trigger search_entries_words_delete after delete on search_entries
  referencing old table as removed for each statement execute function mahdar_note_deleted_words();

-- Takes up to `n` noted words (other processes pruning at once take others) and removes those
-- no entry matches, by their stems as a search would match them: a beginning that is itself
-- the whole word's stem stays (it finds the same texts). A text that another process is writing
-- with the word at that very moment is not seen: the word may go, and until that text changes
-- again only partial queries miss it (whole words match the vectors directly). Returns how many
-- were taken.
create function mahdar_prune_words(n integer) returns integer
language sql
as $$
  with taken as (
    delete from search_words_gone
    where ctid = any(array(select ctid from search_words_gone limit n for update skip locked))
    returning word
  ), checked as (
    select w, plainto_tsquery('arabic'::regconfig, w) || plainto_tsquery('english'::regconfig, w) as q
    from (select distinct word as w from taken) d
  ), pruned as (
    delete from search_words s using checked c
    where s.word = c.w
      and case when numnode(c.q) = 0 then true
               else not exists (select 1 from search_entries e where e.vector @@ c.q) end
    returning 1
  )
  -- `pruned` runs whether read or not (a data-modifying WITH always does).
  select count(*)::integer from taken
$$;

-- The words earlier versions kept, checked like the others.
insert into search_words_gone (word) select word from search_words;
