-- Search (issue 12). Postgres does the matching: one normalising function applied the same way
-- to the indexed text and to the query, full-text vectors of the `arabic` and `english`
-- configurations over the normalised text, and trigrams for partial words and typos.
create extension if not exists pg_trgm;

-- Arabic text as a reader compares it: without tashkeel, Quranic marks and tatweel; one alef
-- (أ إ آ ٱ → ا); taa marbuta as haa; alef maqsura as yaa; hamza on a seat (ؤ ئ) as hamza; Arabic-
-- Indic and Persian digits as Western ones; lower case. Then a light stemming of the attached
-- particles: the article and the conjunctions and prepositions (و ف ب ل, ال, لل) are taken off
-- the start of a word while at least three letters stay. The step is repeated (three times)
-- so that a word and the same word with particles end the same (الوزارة → وزارة → زارة, like
-- وزارة → زارة): what is taken off need not be a particle, but text and query lose the same.
create function mahdar_norm(t text) returns text
language sql immutable strict parallel safe
as $$
  select regexp_replace(regexp_replace(regexp_replace(
    translate(
      lower(regexp_replace(t, '[\u0610-\u061A\u064B-\u065F\u0670\u0640\u06D6-\u06ED]', '', 'g')),
      'أإآٱؤئىة٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹',
      'ااااءءيه01234567890123456789'),
    '(^|[^ء-ي])(?:[وف]?[بل]?ال|[وف]?لل|[وف][بل]?|[بل])(?=[ء-ي]{3})', '\1', 'g'),
    '(^|[^ء-ي])(?:[وف]?[بل]?ال|[وف]?لل|[وف][بل]?|[بل])(?=[ء-ي]{3})', '\1', 'g'),
    '(^|[^ء-ي])(?:[وف]?[بل]?ال|[وف]?لل|[وف][بل]?|[بل])(?=[ء-ي]{3})', '\1', 'g')
$$;

-- The stems of the normalised text: its Arabic words by the `arabic` configuration, the rest
-- (Latin words, numbers) by the `english` one, so that each word is in the vector once.
create function mahdar_search_vector(t text) returns tsvector
language sql immutable strict parallel safe
as $$
  select to_tsvector('arabic'::regconfig, regexp_replace(mahdar_norm(t), '[^ء-ي]+', ' ', 'g'))
      || to_tsvector('english'::regconfig, regexp_replace(mahdar_norm(t), '[ء-ي]+', ' ', 'g'))
$$;

-- One row per searchable thing: a text block of the minutes (paragraph, heading, list
-- paragraph: `minutes`; an action item: `actionItem`), kept by the projection after commits,
-- and a meeting's title and place (`meeting`, block_index null), kept by a trigger.
create table search_entries (
  id bigint generated always as identity primary key,
  meeting_id uuid not null references meetings (id) on delete cascade,
  kind text not null check (kind in ('minutes', 'actionItem', 'meeting')),
  block_index integer check ((kind = 'meeting') = (block_index is null)),
  text text not null,
  vector tsvector generated always as (mahdar_search_vector(text)) stored
);
create index search_entries_vector_idx on search_entries using gin (vector);
create unique index search_entries_block_idx on search_entries (meeting_id, block_index) where block_index is not null;
create unique index search_entries_meeting_idx on search_entries (meeting_id) where kind = 'meeting';

-- Every normalised word ever indexed, with a trigram index: a query word that is part of a word
-- or misspelt is widened to the indexed words that begin with it or look like it, and the search
-- itself stays one full-text match on the vectors' GIN index. Words are never removed (a word no
-- longer in any text widens a query to nothing more).
create table search_words (word text primary key);
create index search_words_trigram_idx on search_words using gin (word gin_trgm_ops);

create function mahdar_collect_words() returns trigger
language plpgsql
as $$
begin
  insert into search_words (word)
  select distinct w from added, regexp_split_to_table(mahdar_norm(added.text), '[^0-9a-z\u00C0-\u024F\u0621-\u064A\u066E-\u06D3\u06D5]+') as w
  where length(w) between 3 and 60
  on conflict do nothing;
  return null;
end
$$;
create trigger search_entries_words_insert after insert on search_entries
  referencing new table as added for each statement execute function mahdar_collect_words();
create trigger search_entries_words_update after update on search_entries
  referencing new table as added for each statement execute function mahdar_collect_words();

-- A query: every word must match, by its stems in either configuration or by those of up to 20
-- indexed words that begin with it or are similar to it (trigrams: partial words, typos). The
-- result is `( … | … ) & ( … | … )`: with `&` read as `|` one word suffices (used to mark the
-- matching words of a result). Stable, not immutable: it reads `search_words`.
create function mahdar_search_query(q text) returns tsquery
language plpgsql stable strict parallel safe
set pg_trgm.similarity_threshold = 0.5
as $$
declare
  result tsquery := ''::tsquery;
  term_word text;
  neighbour text;
  term tsquery;
begin
  for term_word in select w from regexp_split_to_table(mahdar_norm(q), '[^0-9a-z\u00C0-\u024F\u0621-\u064A\u066E-\u06D3\u06D5]+') as w where w <> '' loop
    term := plainto_tsquery('arabic'::regconfig, term_word) || plainto_tsquery('english'::regconfig, term_word);
    if length(term_word) >= 3 then
      for neighbour in
        select s.word from search_words s
        where s.word <> term_word and (s.word % term_word or s.word like term_word || '%')
        order by starts_with(s.word, term_word) desc, similarity(s.word, term_word) desc, s.word
        limit 20
      loop
        term := term || plainto_tsquery('arabic'::regconfig, neighbour) || plainto_tsquery('english'::regconfig, neighbour);
      end loop;
    end if;
    if numnode(term) = 0 then continue; end if;
    result := case when numnode(result) = 0 then term else result && term end;
  end loop;
  return result;
end
$$;

-- Up to which row of its log a meeting's minutes are in `search_entries`: meetings whose log
-- has newer rows are indexed again at start (upgrade, or a crash before the projection ran).
create table search_indexed (
  meeting_id uuid primary key references meetings (id) on delete cascade,
  update_id bigint not null
);

create function mahdar_meeting_search_text(m meetings) returns text
language sql immutable
as $$ select concat_ws(E'\n', m.title_ar, m.title_en, nullif(m.place, '')) $$;

create function mahdar_index_meeting() returns trigger
language plpgsql
as $$
begin
  insert into search_entries (meeting_id, kind, text) values (new.id, 'meeting', mahdar_meeting_search_text(new))
  on conflict (meeting_id) where kind = 'meeting' do update set text = excluded.text
  where search_entries.text is distinct from excluded.text;
  return null;
end
$$;
create trigger meetings_search after insert or update of title_ar, title_en, place on meetings
  for each row execute function mahdar_index_meeting();

insert into search_entries (meeting_id, kind, text) select m.id, 'meeting', mahdar_meeting_search_text(m) from meetings m;
