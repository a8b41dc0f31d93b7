-- A word leaves `search_words` once no text has it. The projection indexes a meeting every half
-- second while it is typed into, so most beginnings of every typed word were collected
-- (الاجتما on the way to الاجتماع) and kept for ever: the table and its trigram index grew with
-- every keystroke's prefix, and a partial query was widened to words found nowhere, which took
-- places among its 20 neighbours.
--
-- The words are checked by a sweep, a few at a time in word order (the projection calls it
-- after its writes, see search/searchIndex.ts), not when a text changes: noting in the
-- table's triggers the words each write removed cost 0.4 ms a write on the embedded database,
-- and the p99 keystroke of 500 typists in 50 meetings rose 13–37 ms (4 runs of 4).
--
-- Checks the `n` words after `after` and removes those no entry matches, by their stems as a
-- search would match them: a beginning that is itself the whole word's stem stays (it finds the
-- same texts). A text another process writes with the word at that very moment is not seen: the
-- word may go, and until that text changes again only partial queries miss it (whole words
-- match the vectors directly). Returns the last word checked, null past the last one.
create function mahdar_prune_words(after text, n integer) returns text
language sql
as $$
  with batch as (
    select word as w, plainto_tsquery('arabic'::regconfig, word) || plainto_tsquery('english'::regconfig, word) as q
    from search_words where word > after order by word limit n
  ), pruned as (
    delete from search_words s using batch b
    where s.word = b.w
      and case when numnode(b.q) = 0 then true
               else not exists (select 1 from search_entries e where e.vector @@ b.q) end
    returning 1
  )
  -- `pruned` runs whether read or not (a data-modifying WITH always does).
  select max(w) from batch
$$;
