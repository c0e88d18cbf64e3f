-- Full-text index over papers (external content: the text lives once, in papers).
-- No stemmer: word families are expanded by the query compiler, so "tokenization"
-- does not collapse to "token" the way Porter stemming would.
CREATE VIRTUAL TABLE `papers_fts` USING fts5(
  `title`, `ai_keywords`, `abstract`, `authors`,
  content='papers', content_rowid='pk',
  tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `papers_fts_ai` AFTER INSERT ON `papers` BEGIN
  INSERT INTO `papers_fts`(rowid, `title`, `ai_keywords`, `abstract`, `authors`)
  VALUES (new.`pk`, new.`title`, new.`ai_keywords`, new.`abstract`, new.`authors`);
END;
--> statement-breakpoint
CREATE TRIGGER `papers_fts_ad` AFTER DELETE ON `papers` BEGIN
  INSERT INTO `papers_fts`(`papers_fts`, rowid, `title`, `ai_keywords`, `abstract`, `authors`)
  VALUES ('delete', old.`pk`, old.`title`, old.`ai_keywords`, old.`abstract`, old.`authors`);
END;
--> statement-breakpoint
CREATE TRIGGER `papers_fts_au` AFTER UPDATE OF `title`, `ai_keywords`, `abstract`, `authors` ON `papers` BEGIN
  INSERT INTO `papers_fts`(`papers_fts`, rowid, `title`, `ai_keywords`, `abstract`, `authors`)
  VALUES ('delete', old.`pk`, old.`title`, old.`ai_keywords`, old.`abstract`, old.`authors`);
  INSERT INTO `papers_fts`(rowid, `title`, `ai_keywords`, `abstract`, `authors`)
  VALUES (new.`pk`, new.`title`, new.`ai_keywords`, new.`abstract`, new.`authors`);
END;
