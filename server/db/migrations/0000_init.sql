CREATE TABLE `data_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`changed_at` text NOT NULL,
	CONSTRAINT "data_version_single_row" CHECK("data_version"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE `entities` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`group` text NOT NULL,
	`note` text
);
--> statement-breakpoint
CREATE TABLE `metrics` (
	`id` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`kind` text NOT NULL,
	`unit` text NOT NULL,
	`definition` text NOT NULL,
	CONSTRAINT "metrics_kind" CHECK("metrics"."kind" in ('flow', 'point'))
);
--> statement-breakpoint
CREATE TABLE `observations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity` text NOT NULL,
	`metric` text NOT NULL,
	`kind` text NOT NULL,
	`period` text NOT NULL,
	`period_end` text NOT NULL,
	`fiscal_label` text,
	`value` real NOT NULL,
	`unit` text NOT NULL,
	`basis` text NOT NULL,
	`source` text,
	`note` text,
	FOREIGN KEY (`entity`) REFERENCES `entities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`metric`) REFERENCES `metrics`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "observations_kind" CHECK("observations"."kind" in ('flow', 'point'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `observations_flow_identity` ON `observations` (`entity`,`metric`,`period`) WHERE kind = 'flow';--> statement-breakpoint
CREATE UNIQUE INDEX `observations_point_identity` ON `observations` (`entity`,`metric`,`period_end`) WHERE kind = 'point';--> statement-breakpoint
CREATE INDEX `observations_metric_period` ON `observations` (`metric`,`period`);