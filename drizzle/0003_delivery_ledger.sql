CREATE TABLE `deliveries` (
	`conversation` text NOT NULL,
	`digest_day` text NOT NULL,
	`item_key` text NOT NULL,
	`paper_id` text,
	`message_ref` text,
	`status` text NOT NULL,
	`claimed_at` text NOT NULL,
	`sent_at` text,
	`error` text,
	PRIMARY KEY(`conversation`, `digest_day`, `item_key`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_message_ref` ON `deliveries` (`message_ref`);--> statement-breakpoint
CREATE INDEX `deliveries_paper` ON `deliveries` (`conversation`,`paper_id`);--> statement-breakpoint
CREATE INDEX `deliveries_sent_at` ON `deliveries` (`sent_at`);--> statement-breakpoint
CREATE TABLE `digest_runs` (
	`conversation` text NOT NULL,
	`digest_day` text NOT NULL,
	`status` text NOT NULL,
	`owner` text NOT NULL,
	`lease_until` text NOT NULL,
	`scheduled_for` text,
	`started_at` text NOT NULL,
	`finished_at` text,
	`late` integer DEFAULT false NOT NULL,
	`papers_sent` integer DEFAULT 0 NOT NULL,
	`detail` text,
	PRIMARY KEY(`conversation`, `digest_day`)
);
--> statement-breakpoint
CREATE INDEX `digest_runs_started` ON `digest_runs` (`started_at`);--> statement-breakpoint
ALTER TABLE `channel_settings` ADD `failure_count` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `channel_settings` ADD `last_error` text;