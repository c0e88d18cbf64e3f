-- A second, small full-text index over the paper's head (title and HF keywords).
-- Searches without exclusions rank here first: a common word's posting list in titles is
-- a tenth of its list in abstracts, so ranking it is that much cheaper, and title and
-- keyword hits are what the full ranking puts first anyway (weights 10 and 6 against 1).
-- When the head index has fewer hits than asked for, the search falls back to papers_fts.
-- Like papers_fts it is written by the paper store (src/db/paper-upsert.ts); the delete
-- trigger keeps it clean on any deletion.
CREATE VIRTUAL TABLE `papers_head_fts` USING fts5(
  `title`, `ai_keywords`,
  content='papers', content_rowid='pk',
  tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO `papers_head_fts`(`papers_head_fts`) VALUES ('rebuild');
--> statement-breakpoint
INSERT INTO `papers_head_fts`(`papers_head_fts`, `rank`) VALUES ('automerge', 16);
--> statement-breakpoint
CREATE TRIGGER `papers_head_fts_ad` AFTER DELETE ON `papers` BEGIN
  INSERT INTO `papers_head_fts`(`papers_head_fts`, rowid, `title`, `ai_keywords`)
  VALUES ('delete', old.`pk`, old.`title`, old.`ai_keywords`);
END;
