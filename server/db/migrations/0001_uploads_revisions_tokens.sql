CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text NOT NULL,
	CONSTRAINT "api_tokens_role" CHECK("api_tokens"."role" in ('analyst', 'viewer'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_name_unique` ON `api_tokens` (`name`);--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `observation_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`upload_id` integer,
	`identity` text NOT NULL,
	`entity` text NOT NULL,
	`metric` text NOT NULL,
	`kind` text NOT NULL,
	`period` text NOT NULL,
	`period_end` text NOT NULL,
	`fiscal_label` text,
	`value` real,
	`unit` text,
	`basis` text,
	`source` text,
	`note` text,
	`replaces_revision_id` integer,
	`file` text,
	`line` integer,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`upload_id`) REFERENCES `uploads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`replaces_revision_id`) REFERENCES `observation_revisions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "observation_revisions_removed" CHECK(("observation_revisions"."value" is null) = ("observation_revisions"."unit" is null) and ("observation_revisions"."value" is null) = ("observation_revisions"."basis" is null))
);
--> statement-breakpoint
CREATE INDEX `observation_revisions_identity` ON `observation_revisions` (`identity`,`id`);--> statement-breakpoint
CREATE INDEX `observation_revisions_upload` ON `observation_revisions` (`upload_id`);--> statement-breakpoint
CREATE TABLE `uploads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`file_name` text,
	`sha256` text,
	`token_name` text NOT NULL,
	`created_at` text NOT NULL,
	`inserted` integer NOT NULL,
	`updated` integer NOT NULL,
	`deleted` integer NOT NULL,
	`unchanged` integer NOT NULL,
	`report` text NOT NULL,
	`reverts_upload_id` integer,
	`reverted_by_upload_id` integer,
	FOREIGN KEY (`reverts_upload_id`) REFERENCES `uploads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reverted_by_upload_id`) REFERENCES `uploads`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "uploads_kind" CHECK("uploads"."kind" in ('upload', 'revert'))
);
