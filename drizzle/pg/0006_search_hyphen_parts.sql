-- Index a hyphenated word by its parts only, as SQLite's unicode61 tokenizer does. The default
-- parser also emits the whole compound ("user-agent") at its own position before the parts,
-- so a phrase that runs into a hyphenated word ("parsing user" in "Parsing User-Agent
-- Strings") matched on SQLite and not here. Queries already split hyphens (src/db/fts-query.ts).
ALTER TEXT SEARCH CONFIGURATION papers_search DROP MAPPING IF EXISTS FOR asciihword, hword, numhword;
--> statement-breakpoint
-- Stored generated columns keep the vectors they were computed with: recompute them.
UPDATE papers SET title = title;
