CREATE TABLE `leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`acquired_at` text NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rate_windows` (
	`bucket` text NOT NULL,
	`window_start` text NOT NULL,
	`taken` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`bucket`, `window_start`)
);
--> statement-breakpoint
CREATE INDEX `rate_windows_start` ON `rate_windows` (`window_start`);--> statement-breakpoint
CREATE TABLE `slack_installations` (
	`install_key` text PRIMARY KEY NOT NULL,
	`team_id` text,
	`enterprise_id` text,
	`sealed` text NOT NULL,
	`installed_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `slack_installations_team` ON `slack_installations` (`team_id`);--> statement-breakpoint
CREATE INDEX `slack_installations_enterprise` ON `slack_installations` (`enterprise_id`);