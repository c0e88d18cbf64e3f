-- papers_fts is now written by the paper store (src/db/paper-upsert.ts) in the same
-- transaction as the rows, after them, and only when an indexed column changed.
-- Trigger-maintained FTS5 measured ~3x slower for bulk loads (each trigger-driven
-- xUpdate runs inside the row statement), and re-ingesting an unchanged paper rewrote
-- its index entry every time. The delete trigger stays: deletions are rare and any
-- path that deletes a paper should keep the index clean.
DROP TRIGGER IF EXISTS `papers_fts_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `papers_fts_au`;
