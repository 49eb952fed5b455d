import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`events\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`event_id\` text NOT NULL,
  	\`type\` text NOT NULL,
  	\`subscriber_id\` integer NOT NULL,
  	\`occurred_at\` text NOT NULL,
  	\`block\` text,
  	\`properties\` text,
  	\`source\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`subscriber_id\`) REFERENCES \`subscribers\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`events_event_id_idx\` ON \`events\` (\`event_id\`);`)
  await db.run(sql`CREATE INDEX \`events_subscriber_idx\` ON \`events\` (\`subscriber_id\`);`)
  await db.run(sql`CREATE INDEX \`events_updated_at_idx\` ON \`events\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`events_created_at_idx\` ON \`events\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`subscriber_type_occurredAt_idx\` ON \`events\` (\`subscriber_id\`,\`type\`,\`occurred_at\`);`)
  await db.run(sql`CREATE TABLE \`scoring_rules_filters\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`attribute\` text,
  	\`operator\` text DEFAULT 'in',
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`scoring_rules\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`scoring_rules_filters_order_idx\` ON \`scoring_rules_filters\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`scoring_rules_filters_parent_id_idx\` ON \`scoring_rules_filters\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`scoring_rules\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`axis\` text DEFAULT 'engagement',
  	\`kind\` text DEFAULT 'event' NOT NULL,
  	\`points\` numeric NOT NULL,
  	\`active\` integer DEFAULT true,
  	\`event_type\` text,
  	\`condition_attribute\` text,
  	\`condition_operator\` text DEFAULT 'in',
  	\`cap_count\` numeric,
  	\`cap_period\` text DEFAULT 'week',
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`scoring_rules_updated_at_idx\` ON \`scoring_rules\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`scoring_rules_created_at_idx\` ON \`scoring_rules\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`scoring_rules_texts\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`text\` text,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`scoring_rules\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`scoring_rules_texts_order_parent\` ON \`scoring_rules_texts\` (\`order\`,\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`stage_rules\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`to_stage_id\` integer NOT NULL,
  	\`active\` integer DEFAULT true,
  	\`min_fit\` numeric,
  	\`min_engagement\` numeric,
  	\`min_total\` numeric,
  	\`min_days_without_engagement\` numeric,
  	\`max_days_without_engagement\` numeric,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`to_stage_id\`) REFERENCES \`lifecycle_stages\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`stage_rules_to_stage_idx\` ON \`stage_rules\` (\`to_stage_id\`);`)
  await db.run(sql`CREATE INDEX \`stage_rules_updated_at_idx\` ON \`stage_rules\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`stage_rules_created_at_idx\` ON \`stage_rules\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`stage_rules_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`lifecycle_stages_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`stage_rules\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`lifecycle_stages_id\`) REFERENCES \`lifecycle_stages\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`stage_rules_rels_order_idx\` ON \`stage_rules_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`stage_rules_rels_parent_idx\` ON \`stage_rules_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`stage_rules_rels_path_idx\` ON \`stage_rules_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`stage_rules_rels_lifecycle_stages_id_idx\` ON \`stage_rules_rels\` (\`lifecycle_stages_id\`);`)
  await db.run(sql`CREATE TABLE \`score_hits\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`subscriber_id\` integer NOT NULL,
  	\`rule\` text NOT NULL,
  	\`rule_name\` text,
  	\`axis\` text NOT NULL,
  	\`points\` numeric NOT NULL,
  	\`occurred_at\` text NOT NULL,
  	\`period\` text,
  	\`event_id\` text,
  	\`event_type\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`subscriber_id\`) REFERENCES \`subscribers\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`score_hits_subscriber_idx\` ON \`score_hits\` (\`subscriber_id\`);`)
  await db.run(sql`CREATE INDEX \`score_hits_updated_at_idx\` ON \`score_hits\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`score_hits_created_at_idx\` ON \`score_hits\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`subscriber_rule_period_idx\` ON \`score_hits\` (\`subscriber_id\`,\`rule\`,\`period\`);`)
  await db.run(sql`CREATE TABLE \`lead_scores\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`subscriber_id\` integer NOT NULL,
  	\`fit_events\` numeric DEFAULT 0,
  	\`engagement_value\` numeric DEFAULT 0,
  	\`engagement_as_of\` text,
  	\`last_engaged_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`subscriber_id\`) REFERENCES \`subscribers\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`lead_scores_subscriber_idx\` ON \`lead_scores\` (\`subscriber_id\`);`)
  await db.run(sql`CREATE INDEX \`lead_scores_last_engaged_at_idx\` ON \`lead_scores\` (\`last_engaged_at\`);`)
  await db.run(sql`CREATE INDEX \`lead_scores_updated_at_idx\` ON \`lead_scores\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`lead_scores_created_at_idx\` ON \`lead_scores\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`payload_jobs_log\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`executed_at\` text NOT NULL,
  	\`completed_at\` text NOT NULL,
  	\`task_slug\` text NOT NULL,
  	\`task_i_d\` text NOT NULL,
  	\`input\` text,
  	\`output\` text,
  	\`state\` text NOT NULL,
  	\`error\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`payload_jobs\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_jobs_log_order_idx\` ON \`payload_jobs_log\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_log_parent_id_idx\` ON \`payload_jobs_log\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`payload_jobs\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`input\` text,
  	\`completed_at\` text,
  	\`total_tried\` numeric DEFAULT 0,
  	\`has_error\` integer DEFAULT false,
  	\`error\` text,
  	\`task_slug\` text,
  	\`queue\` text DEFAULT 'default',
  	\`wait_until\` text,
  	\`processing\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_jobs_completed_at_idx\` ON \`payload_jobs\` (\`completed_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_total_tried_idx\` ON \`payload_jobs\` (\`total_tried\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_has_error_idx\` ON \`payload_jobs\` (\`has_error\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_task_slug_idx\` ON \`payload_jobs\` (\`task_slug\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_queue_idx\` ON \`payload_jobs\` (\`queue\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_wait_until_idx\` ON \`payload_jobs\` (\`wait_until\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_processing_idx\` ON \`payload_jobs\` (\`processing\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_updated_at_idx\` ON \`payload_jobs\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_jobs_created_at_idx\` ON \`payload_jobs\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`lead_scoring_settings\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`half_life_days\` numeric DEFAULT 30 NOT NULL,
  	\`interest_half_life_days\` numeric DEFAULT 30 NOT NULL,
  	\`click_interest_weight\` numeric DEFAULT 0.25 NOT NULL,
  	\`primary_persona_min_fit\` numeric DEFAULT 50 NOT NULL,
  	\`stage_webhook_url\` text,
  	\`stage_webhook_secret\` text,
  	\`recompute_cursor\` text,
  	\`recompute_started_at\` text,
  	\`recompute_finished_at\` text,
  	\`updated_at\` text,
  	\`created_at\` text
  );
  `)
  await db.run(sql`ALTER TABLE \`subscribers\` ADD \`persona_locked\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`subscribers\` ADD \`score_fit_attributes\` numeric DEFAULT 0;`)
  await db.run(sql`ALTER TABLE \`subscribers\` ADD \`score_persona_fits\` text;`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`events_id\` integer REFERENCES events(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`scoring_rules_id\` integer REFERENCES scoring_rules(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`stage_rules_id\` integer REFERENCES stage_rules(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`score_hits_id\` integer REFERENCES score_hits(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`lead_scores_id\` integer REFERENCES lead_scores(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_events_id_idx\` ON \`payload_locked_documents_rels\` (\`events_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_scoring_rules_id_idx\` ON \`payload_locked_documents_rels\` (\`scoring_rules_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_stage_rules_id_idx\` ON \`payload_locked_documents_rels\` (\`stage_rules_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_score_hits_id_idx\` ON \`payload_locked_documents_rels\` (\`score_hits_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_lead_scores_id_idx\` ON \`payload_locked_documents_rels\` (\`lead_scores_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`events\`;`)
  await db.run(sql`DROP TABLE \`scoring_rules_filters\`;`)
  await db.run(sql`DROP TABLE \`scoring_rules\`;`)
  await db.run(sql`DROP TABLE \`scoring_rules_texts\`;`)
  await db.run(sql`DROP TABLE \`stage_rules\`;`)
  await db.run(sql`DROP TABLE \`stage_rules_rels\`;`)
  await db.run(sql`DROP TABLE \`score_hits\`;`)
  await db.run(sql`DROP TABLE \`lead_scores\`;`)
  await db.run(sql`DROP TABLE \`payload_jobs_log\`;`)
  await db.run(sql`DROP TABLE \`payload_jobs\`;`)
  await db.run(sql`DROP TABLE \`lead_scoring_settings\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`content_blocks_id\` integer,
  	\`media_id\` integer,
  	\`newsletters_id\` integer,
  	\`landing_pages_id\` integer,
  	\`personas_id\` integer,
  	\`interests_id\` integer,
  	\`lifecycle_stages_id\` integer,
  	\`subscribers_id\` integer,
  	\`users_id\` integer,
  	\`topics_id\` integer,
  	\`consent_records_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`content_blocks_id\`) REFERENCES \`content_blocks\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`media_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`newsletters_id\`) REFERENCES \`newsletters\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`landing_pages_id\`) REFERENCES \`landing_pages\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`personas_id\`) REFERENCES \`personas\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`interests_id\`) REFERENCES \`interests\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`lifecycle_stages_id\`) REFERENCES \`lifecycle_stages\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`subscribers_id\`) REFERENCES \`subscribers\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`topics_id\`) REFERENCES \`topics\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`consent_records_id\`) REFERENCES \`consent_records\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "content_blocks_id", "media_id", "newsletters_id", "landing_pages_id", "personas_id", "interests_id", "lifecycle_stages_id", "subscribers_id", "users_id", "topics_id", "consent_records_id") SELECT "id", "order", "parent_id", "path", "content_blocks_id", "media_id", "newsletters_id", "landing_pages_id", "personas_id", "interests_id", "lifecycle_stages_id", "subscribers_id", "users_id", "topics_id", "consent_records_id" FROM \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_content_blocks_id_idx\` ON \`payload_locked_documents_rels\` (\`content_blocks_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_media_id_idx\` ON \`payload_locked_documents_rels\` (\`media_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_newsletters_id_idx\` ON \`payload_locked_documents_rels\` (\`newsletters_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_landing_pages_id_idx\` ON \`payload_locked_documents_rels\` (\`landing_pages_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_personas_id_idx\` ON \`payload_locked_documents_rels\` (\`personas_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_interests_id_idx\` ON \`payload_locked_documents_rels\` (\`interests_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_lifecycle_stages_id_idx\` ON \`payload_locked_documents_rels\` (\`lifecycle_stages_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_subscribers_id_idx\` ON \`payload_locked_documents_rels\` (\`subscribers_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_topics_id_idx\` ON \`payload_locked_documents_rels\` (\`topics_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_consent_records_id_idx\` ON \`payload_locked_documents_rels\` (\`consent_records_id\`);`)
  await db.run(sql`ALTER TABLE \`subscribers\` DROP COLUMN \`persona_locked\`;`)
  await db.run(sql`ALTER TABLE \`subscribers\` DROP COLUMN \`score_fit_attributes\`;`)
  await db.run(sql`ALTER TABLE \`subscribers\` DROP COLUMN \`score_persona_fits\`;`)
}
