import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`automations_steps\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`type\` text NOT NULL,
  	\`days\` numeric,
  	\`newsletter_id\` integer,
  	\`segment_id\` integer,
  	\`expect\` text DEFAULT 'member',
  	FOREIGN KEY (\`newsletter_id\`) REFERENCES \`newsletters\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`segment_id\`) REFERENCES \`segments\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`automations\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`automations_steps_order_idx\` ON \`automations_steps\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`automations_steps_parent_id_idx\` ON \`automations_steps\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`automations_steps_newsletter_idx\` ON \`automations_steps\` (\`newsletter_id\`);`)
  await db.run(sql`CREATE INDEX \`automations_steps_segment_idx\` ON \`automations_steps\` (\`segment_id\`);`)
  await db.run(sql`CREATE TABLE \`automations\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`trigger\` text NOT NULL,
  	\`active\` integer DEFAULT false,
  	\`topic_id\` integer,
  	\`stage_id\` integer,
  	\`segment_id\` integer,
  	\`birthday_attribute\` text DEFAULT 'birthday',
  	\`reentry_days\` numeric DEFAULT 90,
  	\`counts_toward_caps\` integer DEFAULT false,
  	\`exit_on_engagement\` integer,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`topic_id\`) REFERENCES \`topics\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`stage_id\`) REFERENCES \`lifecycle_stages\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`segment_id\`) REFERENCES \`segments\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`automations_topic_idx\` ON \`automations\` (\`topic_id\`);`)
  await db.run(sql`CREATE INDEX \`automations_stage_idx\` ON \`automations\` (\`stage_id\`);`)
  await db.run(sql`CREATE INDEX \`automations_segment_idx\` ON \`automations\` (\`segment_id\`);`)
  await db.run(sql`CREATE INDEX \`automations_updated_at_idx\` ON \`automations\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`automations_created_at_idx\` ON \`automations\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`automation_runs\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`automation_id\` integer NOT NULL,
  	\`subscriber_id\` integer NOT NULL,
  	\`run_key\` text NOT NULL,
  	\`state\` text DEFAULT 'active' NOT NULL,
  	\`step\` numeric DEFAULT 0,
  	\`next_at\` text,
  	\`entered_because\` text,
  	\`exit_reason\` text,
  	\`claim\` text,
  	\`lease_until\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`automation_id\`) REFERENCES \`automations\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`subscriber_id\`) REFERENCES \`subscribers\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`automation_runs_automation_idx\` ON \`automation_runs\` (\`automation_id\`);`)
  await db.run(sql`CREATE INDEX \`automation_runs_subscriber_idx\` ON \`automation_runs\` (\`subscriber_id\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`automation_runs_run_key_idx\` ON \`automation_runs\` (\`run_key\`);`)
  await db.run(sql`CREATE INDEX \`automation_runs_next_at_idx\` ON \`automation_runs\` (\`next_at\`);`)
  await db.run(sql`CREATE INDEX \`automation_runs_updated_at_idx\` ON \`automation_runs\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`automation_runs_created_at_idx\` ON \`automation_runs\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`state_nextAt_idx\` ON \`automation_runs\` (\`state\`,\`next_at\`);`)
  await db.run(sql`ALTER TABLE \`campaigns\` ADD \`automation_id\` integer REFERENCES automations(id);`)
  await db.run(sql`ALTER TABLE \`campaigns\` ADD \`automation_step\` text;`)
  await db.run(sql`ALTER TABLE \`campaigns\` ADD \`exempt_from_caps\` integer;`)
  await db.run(sql`CREATE INDEX \`campaigns_automation_idx\` ON \`campaigns\` (\`automation_id\`);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`automations_id\` integer REFERENCES automations(id);`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`automation_runs_id\` integer REFERENCES automation_runs(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_automations_id_idx\` ON \`payload_locked_documents_rels\` (\`automations_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_automation_runs_id_idx\` ON \`payload_locked_documents_rels\` (\`automation_runs_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`automations_steps\`;`)
  await db.run(sql`DROP TABLE \`automations\`;`)
  await db.run(sql`DROP TABLE \`automation_runs\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_campaigns\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`newsletter_id\` integer NOT NULL,
  	\`channel\` text DEFAULT 'email' NOT NULL,
  	\`topic_id\` integer,
  	\`audience_id\` integer,
  	\`send_at\` text,
  	\`throttle_per_minute\` numeric,
  	\`important\` integer,
  	\`ab_test_holdout_percent\` numeric DEFAULT 0,
  	\`ab_test_winner_metric\` text DEFAULT 'unique_click_rate',
  	\`ab_test_decide_after_hours\` numeric DEFAULT 4,
  	\`status\` text DEFAULT 'draft' NOT NULL,
  	\`status_reason\` text,
  	\`frozen_audience_id\` integer,
  	\`ab_winner\` text,
  	\`started_at\` text,
  	\`finished_at\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`newsletter_id\`) REFERENCES \`newsletters\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`topic_id\`) REFERENCES \`topics\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`audience_id\`) REFERENCES \`segments\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`frozen_audience_id\`) REFERENCES \`segments\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_campaigns\`("id", "name", "newsletter_id", "channel", "topic_id", "audience_id", "send_at", "throttle_per_minute", "important", "ab_test_holdout_percent", "ab_test_winner_metric", "ab_test_decide_after_hours", "status", "status_reason", "frozen_audience_id", "ab_winner", "started_at", "finished_at", "updated_at", "created_at") SELECT "id", "name", "newsletter_id", "channel", "topic_id", "audience_id", "send_at", "throttle_per_minute", "important", "ab_test_holdout_percent", "ab_test_winner_metric", "ab_test_decide_after_hours", "status", "status_reason", "frozen_audience_id", "ab_winner", "started_at", "finished_at", "updated_at", "created_at" FROM \`campaigns\`;`)
  await db.run(sql`DROP TABLE \`campaigns\`;`)
  await db.run(sql`ALTER TABLE \`__new_campaigns\` RENAME TO \`campaigns\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`campaigns_newsletter_idx\` ON \`campaigns\` (\`newsletter_id\`);`)
  await db.run(sql`CREATE INDEX \`campaigns_topic_idx\` ON \`campaigns\` (\`topic_id\`);`)
  await db.run(sql`CREATE INDEX \`campaigns_audience_idx\` ON \`campaigns\` (\`audience_id\`);`)
  await db.run(sql`CREATE INDEX \`campaigns_status_idx\` ON \`campaigns\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`campaigns_frozen_audience_idx\` ON \`campaigns\` (\`frozen_audience_id\`);`)
  await db.run(sql`CREATE INDEX \`campaigns_updated_at_idx\` ON \`campaigns\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`campaigns_created_at_idx\` ON \`campaigns\` (\`created_at\`);`)
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
  	\`events_id\` integer,
  	\`users_id\` integer,
  	\`topics_id\` integer,
  	\`consent_records_id\` integer,
  	\`scoring_rules_id\` integer,
  	\`stage_rules_id\` integer,
  	\`score_hits_id\` integer,
  	\`lead_scores_id\` integer,
  	\`segments_id\` integer,
  	\`segment_members_id\` integer,
  	\`campaigns_id\` integer,
  	\`campaign_sends_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`content_blocks_id\`) REFERENCES \`content_blocks\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`media_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`newsletters_id\`) REFERENCES \`newsletters\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`landing_pages_id\`) REFERENCES \`landing_pages\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`personas_id\`) REFERENCES \`personas\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`interests_id\`) REFERENCES \`interests\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`lifecycle_stages_id\`) REFERENCES \`lifecycle_stages\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`subscribers_id\`) REFERENCES \`subscribers\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`events_id\`) REFERENCES \`events\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`topics_id\`) REFERENCES \`topics\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`consent_records_id\`) REFERENCES \`consent_records\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`scoring_rules_id\`) REFERENCES \`scoring_rules\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`stage_rules_id\`) REFERENCES \`stage_rules\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`score_hits_id\`) REFERENCES \`score_hits\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`lead_scores_id\`) REFERENCES \`lead_scores\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`segments_id\`) REFERENCES \`segments\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`segment_members_id\`) REFERENCES \`segment_members\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`campaigns_id\`) REFERENCES \`campaigns\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`campaign_sends_id\`) REFERENCES \`campaign_sends\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "content_blocks_id", "media_id", "newsletters_id", "landing_pages_id", "personas_id", "interests_id", "lifecycle_stages_id", "subscribers_id", "events_id", "users_id", "topics_id", "consent_records_id", "scoring_rules_id", "stage_rules_id", "score_hits_id", "lead_scores_id", "segments_id", "segment_members_id", "campaigns_id", "campaign_sends_id") SELECT "id", "order", "parent_id", "path", "content_blocks_id", "media_id", "newsletters_id", "landing_pages_id", "personas_id", "interests_id", "lifecycle_stages_id", "subscribers_id", "events_id", "users_id", "topics_id", "consent_records_id", "scoring_rules_id", "stage_rules_id", "score_hits_id", "lead_scores_id", "segments_id", "segment_members_id", "campaigns_id", "campaign_sends_id" FROM \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`)
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
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_events_id_idx\` ON \`payload_locked_documents_rels\` (\`events_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_topics_id_idx\` ON \`payload_locked_documents_rels\` (\`topics_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_consent_records_id_idx\` ON \`payload_locked_documents_rels\` (\`consent_records_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_scoring_rules_id_idx\` ON \`payload_locked_documents_rels\` (\`scoring_rules_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_stage_rules_id_idx\` ON \`payload_locked_documents_rels\` (\`stage_rules_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_score_hits_id_idx\` ON \`payload_locked_documents_rels\` (\`score_hits_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_lead_scores_id_idx\` ON \`payload_locked_documents_rels\` (\`lead_scores_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_segments_id_idx\` ON \`payload_locked_documents_rels\` (\`segments_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_segment_members_id_idx\` ON \`payload_locked_documents_rels\` (\`segment_members_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_campaigns_id_idx\` ON \`payload_locked_documents_rels\` (\`campaigns_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_campaign_sends_id_idx\` ON \`payload_locked_documents_rels\` (\`campaign_sends_id\`);`)
}
