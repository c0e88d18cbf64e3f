-- The text search configuration papers are indexed and queried with (see src/db/pg/schema.ts):
-- the `simple` parser and dictionary (lower-cased, no stemming, no stop words, like SQLite's
-- unicode61 tokenizer) with diacritics folded first, as unicode61's remove_diacritics does.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION papers_search (COPY = simple);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION papers_search ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
