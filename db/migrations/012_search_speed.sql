-- Search speed (issue 12: p95 under 50 ms on 500 meetings of 10 pages, embedded database).
--
-- A GIN index buffers new entries in a pending list that every search reads whole, until
-- VACUUM (autovacuum) or the list's size limit (4 MB by default) merges it into the index. The
-- embedded database (PGlite) has no autovacuum: its list stayed near 4 MB (280 pages), and even
-- a query matching nothing read it all (40 ms). A 64 kB list (the least allowed) keeps what a
-- search reads small; writers merge it often, a few entries at a time.
alter index search_entries_vector_idx set (gin_pending_list_limit = 64);
alter index search_words_trigram_idx set (gin_pending_list_limit = 64);
select gin_clean_pending_list('search_entries_vector_idx'::regclass);
select gin_clean_pending_list('search_words_trigram_idx'::regclass);

-- The rows of a set of meetings (all of them: the block index above leaves out the meeting's
-- own row): a common word is ranked among the newest meetings' matches only, found as the
-- intersection of this index's bitmap with the GIN index's (db/queries/searchRanked.ts).
create index search_entries_meeting_rows_idx on search_entries (meeting_id);

-- The plans depend on how common a word is (the planner's statistics). Postgres's autovacuum
-- gathers them; the embedded database never did (no autovacuum), and without them a common
-- word took seconds. Gathered once here for what is already indexed; on the embedded database
-- the search index refreshes them as it grows (server/src/search/searchIndex.ts).
analyze search_entries;
analyze meetings;
