CREATE TABLE `vote_sources` (
	`conversation` text NOT NULL,
	`paper_id` text NOT NULL,
	`user_id` text NOT NULL,
	`source` text NOT NULL,
	`workspace` text NOT NULL,
	`at` text NOT NULL,
	PRIMARY KEY(`conversation`, `paper_id`, `user_id`, `source`)
);
