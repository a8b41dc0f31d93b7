-- The cost of keeping the search index (issue 13: the index's writes were most of the embedded
-- database's time while fifty meetings were typed into).
--
-- The same vector, computing the normalised text once instead of twice (a SQL function is
-- inlined into the generated column's expression, and its two uses of mahdar_norm ran twice:
-- 136 → 74 µs a block on PGlite). The result is identical, so stored vectors stay as they are.
create or replace function mahdar_search_vector(t text) returns tsvector
language plpgsql immutable strict parallel safe
as $$
declare
  n text := mahdar_norm(t);
begin
  return to_tsvector('arabic'::regconfig, regexp_replace(n, '[^ء-ي]+', ' ', 'g'))
      || to_tsvector('english'::regconfig, regexp_replace(n, '[ء-ي]+', ' ', 'g'));
end
$$;
