CREATE TABLE `channel_settings` (
	`conversation` text PRIMARY KEY NOT NULL,
	`platform` text NOT NULL,
	`workspace` text NOT NULL,
	`post_time` text,
	`timezone` text DEFAULT 'UTC' NOT NULL,
	`days` text DEFAULT '1,2,3,4,5,6,7' NOT NULL,
	`max_papers` integer DEFAULT 10 NOT NULL,
	`min_upvotes` integer DEFAULT 0 NOT NULL,
	`mode` text DEFAULT 'all' NOT NULL,
	`paused` integer DEFAULT false NOT NULL,
	`paused_reason` text,
	`catch_up` text DEFAULT 'latest' NOT NULL,
	`use_thread` integer DEFAULT false NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ingest_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`day` text,
	`started_at` text NOT NULL,
	`finished_at` text,
	`status` text NOT NULL,
	`papers_new` integer DEFAULT 0 NOT NULL,
	`papers_updated` integer DEFAULT 0 NOT NULL,
	`bad` text DEFAULT '[]' NOT NULL,
	`error` text
);
--> statement-breakpoint
CREATE TABLE `paper_listings` (
	`paper_id` text NOT NULL,
	`source` text NOT NULL,
	`day` text NOT NULL,
	`announce_type` text,
	PRIMARY KEY(`paper_id`, `source`, `day`)
);
--> statement-breakpoint
CREATE INDEX `paper_listings_day` ON `paper_listings` (`source`,`day`);--> statement-breakpoint
CREATE TABLE `papers` (
	`pk` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`version` integer,
	`title` text NOT NULL,
	`abstract` text DEFAULT '' NOT NULL,
	`authors` text DEFAULT '[]' NOT NULL,
	`published_at` text,
	`updated_at` text,
	`categories` text DEFAULT '[]' NOT NULL,
	`hf_upvotes` integer,
	`hf_comments` integer,
	`ai_summary` text,
	`ai_keywords` text DEFAULT '[]' NOT NULL,
	`github_repo` text,
	`github_stars` integer,
	`project_page` text,
	`thumbnail` text,
	`doi` text,
	`journal_ref` text,
	`comment` text,
	`first_seen_at` text NOT NULL,
	`last_seen_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `papers_id_unique` ON `papers` (`id`);--> statement-breakpoint
CREATE TABLE `processed_events` (
	`event_key` text PRIMARY KEY NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conversation` text NOT NULL,
	`platform` text NOT NULL,
	`workspace` text NOT NULL,
	`topic` text NOT NULL,
	`topic_key` text NOT NULL,
	`added_by` text NOT NULL,
	`added_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subscriptions_conversation_topic` ON `subscriptions` (`conversation`,`topic_key`);--> statement-breakpoint
CREATE TABLE `votes` (
	`conversation` text NOT NULL,
	`paper_id` text NOT NULL,
	`user_id` text NOT NULL,
	`workspace` text NOT NULL,
	`via` text NOT NULL,
	`at` text NOT NULL,
	PRIMARY KEY(`conversation`, `paper_id`, `user_id`)
);
--> statement-breakpoint
CREATE INDEX `votes_workspace` ON `votes` (`workspace`,`at`);--> statement-breakpoint
CREATE INDEX `votes_conversation_at` ON `votes` (`conversation`,`at`);