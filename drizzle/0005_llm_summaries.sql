CREATE TABLE `llm_usage` (
	`day` text PRIMARY KEY NOT NULL,
	`requests` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `summaries` (
	`paper_id` text NOT NULL,
	`kind` text NOT NULL,
	`model` text NOT NULL,
	`text` text NOT NULL,
	`written_by` text NOT NULL,
	`paper_version` integer,
	`created_at` text NOT NULL,
	PRIMARY KEY(`paper_id`, `kind`, `model`)
);
