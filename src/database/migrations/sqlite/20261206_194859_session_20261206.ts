import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

import { rebuildTables } from '../../sqliteTableRebuild'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await rebuildTables(db, async () => {
    await db.run(sql`CREATE TABLE \`users_api_scopes\` (
    	\`order\` integer NOT NULL,
    	\`parent_id\` integer NOT NULL,
    	\`value\` text,
    	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
    	FOREIGN KEY (\`parent_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
    );
    `)
    await db.run(sql`CREATE INDEX \`users_api_scopes_order_idx\` ON \`users_api_scopes\` (\`order\`);`)
    await db.run(sql`CREATE INDEX \`users_api_scopes_parent_idx\` ON \`users_api_scopes\` (\`parent_id\`);`)
    await db.run(sql`CREATE TABLE \`newsletters_recommendation_slots\` (
    	\`_order\` integer NOT NULL,
    	\`_parent_id\` integer NOT NULL,
    	\`id\` text PRIMARY KEY NOT NULL,
    	\`key\` text NOT NULL,
    	\`heading\` text NOT NULL,
    	\`strategy\` text DEFAULT 'personal' NOT NULL,
    	\`count\` numeric DEFAULT 4 NOT NULL,
    	\`button_label\` text,
    	FOREIGN KEY (\`_parent_id\`) REFERENCES \`newsletters\`(\`id\`) ON UPDATE no action ON DELETE cascade
    );
    `)
    await db.run(sql`CREATE INDEX \`newsletters_recommendation_slots_order_idx\` ON \`newsletters_recommendation_slots\` (\`_order\`);`)
    await db.run(sql`CREATE INDEX \`newsletters_recommendation_slots_parent_id_idx\` ON \`newsletters_recommendation_slots\` (\`_parent_id\`);`)
    await db.run(sql`CREATE TABLE \`landing_pages_recommendation_slots\` (
    	\`_order\` integer NOT NULL,
    	\`_parent_id\` integer NOT NULL,
    	\`id\` text PRIMARY KEY NOT NULL,
    	\`key\` text NOT NULL,
    	\`heading\` text NOT NULL,
    	\`strategy\` text DEFAULT 'personal' NOT NULL,
    	\`count\` numeric DEFAULT 4 NOT NULL,
    	\`button_label\` text,
    	FOREIGN KEY (\`_parent_id\`) REFERENCES \`landing_pages\`(\`id\`) ON UPDATE no action ON DELETE cascade
    );
    `)
    await db.run(sql`CREATE INDEX \`landing_pages_recommendation_slots_order_idx\` ON \`landing_pages_recommendation_slots\` (\`_order\`);`)
    await db.run(sql`CREATE INDEX \`landing_pages_recommendation_slots_parent_id_idx\` ON \`landing_pages_recommendation_slots\` (\`_parent_id\`);`)
    await db.run(sql`CREATE TABLE \`interests_texts\` (
    	\`id\` integer PRIMARY KEY NOT NULL,
    	\`order\` integer NOT NULL,
    	\`parent_id\` integer NOT NULL,
    	\`path\` text NOT NULL,
    	\`text\` text,
    	FOREIGN KEY (\`parent_id\`) REFERENCES \`interests\`(\`id\`) ON UPDATE no action ON DELETE cascade
    );
    `)
    await db.run(sql`CREATE INDEX \`interests_texts_order_parent\` ON \`interests_texts\` (\`order\`,\`parent_id\`);`)
    await db.run(sql`CREATE TABLE \`visitor_events\` (
    	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
    	\`event_id\` text NOT NULL,
    	\`visitor\` text NOT NULL,
    	\`type\` text NOT NULL,
    	\`occurred_at\` text NOT NULL,
    	\`url\` text,
    	\`block\` text,
    	\`properties\` text,
    	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
    );
    `)
    await db.run(sql`CREATE UNIQUE INDEX \`visitor_events_event_id_idx\` ON \`visitor_events\` (\`event_id\`);`)
    await db.run(sql`CREATE INDEX \`visitor_events_visitor_idx\` ON \`visitor_events\` (\`visitor\`);`)
    await db.run(sql`CREATE INDEX \`visitor_events_occurred_at_idx\` ON \`visitor_events\` (\`occurred_at\`);`)
    await db.run(sql`CREATE INDEX \`visitor_events_updated_at_idx\` ON \`visitor_events\` (\`updated_at\`);`)
    await db.run(sql`CREATE INDEX \`visitor_events_created_at_idx\` ON \`visitor_events\` (\`created_at\`);`)
    await db.run(sql`CREATE TABLE \`visitor_merges\` (
    	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
    	\`visitor\` text NOT NULL,
    	\`subscriber_id\` integer NOT NULL,
    	\`via\` text NOT NULL,
    	\`merged_at\` text NOT NULL,
    	\`events\` numeric,
    	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	FOREIGN KEY (\`subscriber_id\`) REFERENCES \`subscribers\`(\`id\`) ON UPDATE no action ON DELETE set null
    );
    `)
    await db.run(sql`CREATE UNIQUE INDEX \`visitor_merges_visitor_idx\` ON \`visitor_merges\` (\`visitor\`);`)
    await db.run(sql`CREATE INDEX \`visitor_merges_subscriber_idx\` ON \`visitor_merges\` (\`subscriber_id\`);`)
    await db.run(sql`CREATE INDEX \`visitor_merges_updated_at_idx\` ON \`visitor_merges\` (\`updated_at\`);`)
    await db.run(sql`CREATE INDEX \`visitor_merges_created_at_idx\` ON \`visitor_merges\` (\`created_at\`);`)
    await db.run(sql`CREATE TABLE \`catalog_products\` (
    	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
    	\`sku\` text NOT NULL,
    	\`price\` numeric NOT NULL,
    	\`currency\` text DEFAULT 'EUR' NOT NULL,
    	\`image_id\` integer,
    	\`image_url\` text,
    	\`url\` text,
    	\`availability\` text DEFAULT 'in_stock' NOT NULL,
    	\`promoted\` integer DEFAULT false,
    	\`locale\` text,
    	\`source\` text DEFAULT 'manual',
    	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	FOREIGN KEY (\`image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null
    );
    `)
    await db.run(sql`CREATE UNIQUE INDEX \`catalog_products_sku_idx\` ON \`catalog_products\` (\`sku\`);`)
    await db.run(sql`CREATE INDEX \`catalog_products_image_idx\` ON \`catalog_products\` (\`image_id\`);`)
    await db.run(sql`CREATE INDEX \`catalog_products_availability_idx\` ON \`catalog_products\` (\`availability\`);`)
    await db.run(sql`CREATE INDEX \`catalog_products_promoted_idx\` ON \`catalog_products\` (\`promoted\`);`)
    await db.run(sql`CREATE INDEX \`catalog_products_updated_at_idx\` ON \`catalog_products\` (\`updated_at\`);`)
    await db.run(sql`CREATE INDEX \`catalog_products_created_at_idx\` ON \`catalog_products\` (\`created_at\`);`)
    await db.run(sql`CREATE TABLE \`catalog_products_locales\` (
    	\`name\` text NOT NULL,
    	\`id\` integer PRIMARY KEY NOT NULL,
    	\`_locale\` text NOT NULL,
    	\`_parent_id\` integer NOT NULL,
    	FOREIGN KEY (\`_parent_id\`) REFERENCES \`catalog_products\`(\`id\`) ON UPDATE no action ON DELETE cascade
    );
    `)
    await db.run(sql`CREATE UNIQUE INDEX \`catalog_products_locales_locale_parent_id_unique\` ON \`catalog_products_locales\` (\`_locale\`,\`_parent_id\`);`)
    await db.run(sql`CREATE TABLE \`catalog_products_rels\` (
    	\`id\` integer PRIMARY KEY NOT NULL,
    	\`order\` integer,
    	\`parent_id\` integer NOT NULL,
    	\`path\` text NOT NULL,
    	\`interests_id\` integer,
    	FOREIGN KEY (\`parent_id\`) REFERENCES \`catalog_products\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`interests_id\`) REFERENCES \`interests\`(\`id\`) ON UPDATE no action ON DELETE cascade
    );
    `)
    await db.run(sql`CREATE INDEX \`catalog_products_rels_order_idx\` ON \`catalog_products_rels\` (\`order\`);`)
    await db.run(sql`CREATE INDEX \`catalog_products_rels_parent_idx\` ON \`catalog_products_rels\` (\`parent_id\`);`)
    await db.run(sql`CREATE INDEX \`catalog_products_rels_path_idx\` ON \`catalog_products_rels\` (\`path\`);`)
    await db.run(sql`CREATE INDEX \`catalog_products_rels_interests_id_idx\` ON \`catalog_products_rels\` (\`interests_id\`);`)
    await db.run(sql`CREATE TABLE \`subscriber_imports\` (
    	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
    	\`require_double_opt_in\` integer DEFAULT true,
    	\`mapping\` text,
    	\`status\` text DEFAULT 'checked' NOT NULL,
    	\`source_system\` text,
    	\`rows_done\` numeric DEFAULT 0,
    	\`detected\` text,
    	\`dry_run\` text,
    	\`result\` text,
    	\`error\` text,
    	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	\`url\` text,
    	\`thumbnail_u_r_l\` text,
    	\`filename\` text,
    	\`mime_type\` text,
    	\`filesize\` numeric,
    	\`width\` numeric,
    	\`height\` numeric,
    	\`focal_x\` numeric,
    	\`focal_y\` numeric
    );
    `)
    await db.run(sql`CREATE INDEX \`subscriber_imports_status_idx\` ON \`subscriber_imports\` (\`status\`);`)
    await db.run(sql`CREATE INDEX \`subscriber_imports_updated_at_idx\` ON \`subscriber_imports\` (\`updated_at\`);`)
    await db.run(sql`CREATE INDEX \`subscriber_imports_created_at_idx\` ON \`subscriber_imports\` (\`created_at\`);`)
    await db.run(sql`CREATE UNIQUE INDEX \`subscriber_imports_filename_idx\` ON \`subscriber_imports\` (\`filename\`);`)
    await db.run(sql`CREATE TABLE \`subscriber_imports_rels\` (
    	\`id\` integer PRIMARY KEY NOT NULL,
    	\`order\` integer,
    	\`parent_id\` integer NOT NULL,
    	\`path\` text NOT NULL,
    	\`topics_id\` integer,
    	FOREIGN KEY (\`parent_id\`) REFERENCES \`subscriber_imports\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`topics_id\`) REFERENCES \`topics\`(\`id\`) ON UPDATE no action ON DELETE cascade
    );
    `)
    await db.run(sql`CREATE INDEX \`subscriber_imports_rels_order_idx\` ON \`subscriber_imports_rels\` (\`order\`);`)
    await db.run(sql`CREATE INDEX \`subscriber_imports_rels_parent_idx\` ON \`subscriber_imports_rels\` (\`parent_id\`);`)
    await db.run(sql`CREATE INDEX \`subscriber_imports_rels_path_idx\` ON \`subscriber_imports_rels\` (\`path\`);`)
    await db.run(sql`CREATE INDEX \`subscriber_imports_rels_topics_id_idx\` ON \`subscriber_imports_rels\` (\`topics_id\`);`)
    await db.run(sql`CREATE TABLE \`audit_log\` (
    	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
    	\`at\` text NOT NULL,
    	\`user_id\` integer,
    	\`user_email\` text,
    	\`action\` text NOT NULL,
    	\`resource\` text NOT NULL,
    	\`document_id\` text,
    	\`title\` text,
    	\`fields\` text,
    	\`changes\` text,
    	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	FOREIGN KEY (\`user_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE set null
    );
    `)
    await db.run(sql`CREATE INDEX \`audit_log_at_idx\` ON \`audit_log\` (\`at\`);`)
    await db.run(sql`CREATE INDEX \`audit_log_user_idx\` ON \`audit_log\` (\`user_id\`);`)
    await db.run(sql`CREATE INDEX \`audit_log_action_idx\` ON \`audit_log\` (\`action\`);`)
    await db.run(sql`CREATE INDEX \`audit_log_resource_idx\` ON \`audit_log\` (\`resource\`);`)
    await db.run(sql`CREATE INDEX \`audit_log_document_id_idx\` ON \`audit_log\` (\`document_id\`);`)
    await db.run(sql`CREATE INDEX \`audit_log_updated_at_idx\` ON \`audit_log\` (\`updated_at\`);`)
    await db.run(sql`CREATE INDEX \`audit_log_created_at_idx\` ON \`audit_log\` (\`created_at\`);`)
    await db.run(sql`DROP INDEX \`subscribers_prediction_prediction_repeat_purchases_idx\`;`)
    await db.run(sql`DROP INDEX \`subscribers_prediction_prediction_recency_weeks_idx\`;`)
    await db.run(sql`DROP INDEX \`subscribers_prediction_prediction_age_weeks_idx\`;`)
    await db.run(sql`ALTER TABLE \`subscribers\` ADD \`external_id\` text;`)
    await db.run(sql`CREATE UNIQUE INDEX \`subscribers_external_id_idx\` ON \`subscribers\` (\`external_id\`);`)
    await db.run(sql`ALTER TABLE \`campaigns\` ADD \`approval_approved_by_id\` integer REFERENCES users(id);`)
    await db.run(sql`ALTER TABLE \`campaigns\` ADD \`approval_approved_at\` text;`)
    await db.run(sql`ALTER TABLE \`campaigns\` ADD \`approval_recipients\` numeric;`)
    await db.run(sql`ALTER TABLE \`campaigns\` ADD \`last_edited_by_id\` integer REFERENCES users(id);`)
    await db.run(sql`CREATE INDEX \`campaigns_approval_approval_approved_by_idx\` ON \`campaigns\` (\`approval_approved_by_id\`);`)
    await db.run(sql`CREATE INDEX \`campaigns_last_edited_by_idx\` ON \`campaigns\` (\`last_edited_by_id\`);`)
    await db.run(sql`ALTER TABLE \`automations\` ADD \`approval_approved_by_id\` integer REFERENCES users(id);`)
    await db.run(sql`ALTER TABLE \`automations\` ADD \`approval_approved_at\` text;`)
    await db.run(sql`ALTER TABLE \`automations\` ADD \`approval_recipients\` numeric;`)
    await db.run(sql`ALTER TABLE \`automations\` ADD \`last_edited_by_id\` integer REFERENCES users(id);`)
    await db.run(sql`CREATE INDEX \`automations_approval_approval_approved_by_idx\` ON \`automations\` (\`approval_approved_by_id\`);`)
    await db.run(sql`CREATE INDEX \`automations_last_edited_by_idx\` ON \`automations\` (\`last_edited_by_id\`);`)
    await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`visitor_events_id\` integer REFERENCES visitor_events(id);`)
    await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`visitor_merges_id\` integer REFERENCES visitor_merges(id);`)
    await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`catalog_products_id\` integer REFERENCES catalog_products(id);`)
    await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`subscriber_imports_id\` integer REFERENCES subscriber_imports(id);`)
    await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`audit_log_id\` integer REFERENCES audit_log(id);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_visitor_events_id_idx\` ON \`payload_locked_documents_rels\` (\`visitor_events_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_visitor_merges_id_idx\` ON \`payload_locked_documents_rels\` (\`visitor_merges_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_catalog_products_id_idx\` ON \`payload_locked_documents_rels\` (\`catalog_products_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_subscriber_imports_id_idx\` ON \`payload_locked_documents_rels\` (\`subscriber_imports_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_audit_log_id_idx\` ON \`payload_locked_documents_rels\` (\`audit_log_id\`);`)
  })
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await rebuildTables(db, async () => {
    await db.run(sql`DROP TABLE \`users_api_scopes\`;`)
    await db.run(sql`DROP TABLE \`newsletters_recommendation_slots\`;`)
    await db.run(sql`DROP TABLE \`landing_pages_recommendation_slots\`;`)
    await db.run(sql`DROP TABLE \`interests_texts\`;`)
    await db.run(sql`DROP TABLE \`visitor_events\`;`)
    await db.run(sql`DROP TABLE \`visitor_merges\`;`)
    await db.run(sql`DROP TABLE \`catalog_products\`;`)
    await db.run(sql`DROP TABLE \`catalog_products_locales\`;`)
    await db.run(sql`DROP TABLE \`catalog_products_rels\`;`)
    await db.run(sql`DROP TABLE \`subscriber_imports\`;`)
    await db.run(sql`DROP TABLE \`subscriber_imports_rels\`;`)
    await db.run(sql`DROP TABLE \`audit_log\`;`)
    await db.run(sql`CREATE TABLE \`__new_campaigns\` (
    	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
    	\`name\` text NOT NULL,
    	\`newsletter_id\` integer NOT NULL,
    	\`channel\` text DEFAULT 'email' NOT NULL,
    	\`topic_id\` integer,
    	\`audience_id\` integer,
    	\`send_at\` text,
    	\`throttle_per_minute\` numeric,
    	\`local_time\` integer,
    	\`best_time\` integer,
    	\`important\` integer,
    	\`priority\` text DEFAULT 'normal' NOT NULL,
    	\`ab_test_holdout_percent\` numeric DEFAULT 0,
    	\`ab_test_winner_metric\` text DEFAULT 'unique_click_rate',
    	\`ab_test_decide_after_hours\` numeric DEFAULT 4,
    	\`status\` text DEFAULT 'draft' NOT NULL,
    	\`status_reason\` text,
    	\`frozen_audience_id\` integer,
    	\`automation_id\` integer,
    	\`automation_step\` text,
    	\`ab_winner\` text,
    	\`started_at\` text,
    	\`finished_at\` text,
    	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	FOREIGN KEY (\`newsletter_id\`) REFERENCES \`newsletters\`(\`id\`) ON UPDATE no action ON DELETE set null,
    	FOREIGN KEY (\`topic_id\`) REFERENCES \`topics\`(\`id\`) ON UPDATE no action ON DELETE set null,
    	FOREIGN KEY (\`audience_id\`) REFERENCES \`segments\`(\`id\`) ON UPDATE no action ON DELETE set null,
    	FOREIGN KEY (\`frozen_audience_id\`) REFERENCES \`segments\`(\`id\`) ON UPDATE no action ON DELETE set null,
    	FOREIGN KEY (\`automation_id\`) REFERENCES \`automations\`(\`id\`) ON UPDATE no action ON DELETE set null
    );
    `)
    await db.run(sql`INSERT INTO \`__new_campaigns\`("id", "name", "newsletter_id", "channel", "topic_id", "audience_id", "send_at", "throttle_per_minute", "local_time", "best_time", "important", "priority", "ab_test_holdout_percent", "ab_test_winner_metric", "ab_test_decide_after_hours", "status", "status_reason", "frozen_audience_id", "automation_id", "automation_step", "ab_winner", "started_at", "finished_at", "updated_at", "created_at") SELECT "id", "name", "newsletter_id", "channel", "topic_id", "audience_id", "send_at", "throttle_per_minute", "local_time", "best_time", "important", "priority", "ab_test_holdout_percent", "ab_test_winner_metric", "ab_test_decide_after_hours", "status", "status_reason", "frozen_audience_id", "automation_id", "automation_step", "ab_winner", "started_at", "finished_at", "updated_at", "created_at" FROM \`campaigns\`;`)
    await db.run(sql`DROP TABLE \`campaigns\`;`)
    await db.run(sql`ALTER TABLE \`__new_campaigns\` RENAME TO \`campaigns\`;`)
    await db.run(sql`CREATE INDEX \`campaigns_newsletter_idx\` ON \`campaigns\` (\`newsletter_id\`);`)
    await db.run(sql`CREATE INDEX \`campaigns_topic_idx\` ON \`campaigns\` (\`topic_id\`);`)
    await db.run(sql`CREATE INDEX \`campaigns_audience_idx\` ON \`campaigns\` (\`audience_id\`);`)
    await db.run(sql`CREATE INDEX \`campaigns_status_idx\` ON \`campaigns\` (\`status\`);`)
    await db.run(sql`CREATE INDEX \`campaigns_frozen_audience_idx\` ON \`campaigns\` (\`frozen_audience_id\`);`)
    await db.run(sql`CREATE INDEX \`campaigns_automation_idx\` ON \`campaigns\` (\`automation_id\`);`)
    await db.run(sql`CREATE INDEX \`campaigns_updated_at_idx\` ON \`campaigns\` (\`updated_at\`);`)
    await db.run(sql`CREATE INDEX \`campaigns_created_at_idx\` ON \`campaigns\` (\`created_at\`);`)
    await db.run(sql`CREATE TABLE \`__new_automations\` (
    	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
    	\`name\` text NOT NULL,
    	\`trigger\` text NOT NULL,
    	\`active\` integer DEFAULT false,
    	\`topic_id\` integer,
    	\`stage_id\` integer,
    	\`segment_id\` integer,
    	\`birthday_attribute\` text DEFAULT 'birthday',
    	\`reentry_days\` numeric DEFAULT 90,
    	\`priority\` text DEFAULT 'high' NOT NULL,
    	\`cooldown_minutes\` numeric DEFAULT 30,
    	\`exit_on_engagement\` integer,
    	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	FOREIGN KEY (\`topic_id\`) REFERENCES \`topics\`(\`id\`) ON UPDATE no action ON DELETE set null,
    	FOREIGN KEY (\`stage_id\`) REFERENCES \`lifecycle_stages\`(\`id\`) ON UPDATE no action ON DELETE set null,
    	FOREIGN KEY (\`segment_id\`) REFERENCES \`segments\`(\`id\`) ON UPDATE no action ON DELETE set null
    );
    `)
    await db.run(sql`INSERT INTO \`__new_automations\`("id", "name", "trigger", "active", "topic_id", "stage_id", "segment_id", "birthday_attribute", "reentry_days", "priority", "cooldown_minutes", "exit_on_engagement", "updated_at", "created_at") SELECT "id", "name", "trigger", "active", "topic_id", "stage_id", "segment_id", "birthday_attribute", "reentry_days", "priority", "cooldown_minutes", "exit_on_engagement", "updated_at", "created_at" FROM \`automations\`;`)
    await db.run(sql`DROP TABLE \`automations\`;`)
    await db.run(sql`ALTER TABLE \`__new_automations\` RENAME TO \`automations\`;`)
    await db.run(sql`CREATE INDEX \`automations_topic_idx\` ON \`automations\` (\`topic_id\`);`)
    await db.run(sql`CREATE INDEX \`automations_stage_idx\` ON \`automations\` (\`stage_id\`);`)
    await db.run(sql`CREATE INDEX \`automations_segment_idx\` ON \`automations\` (\`segment_id\`);`)
    await db.run(sql`CREATE INDEX \`automations_updated_at_idx\` ON \`automations\` (\`updated_at\`);`)
    await db.run(sql`CREATE INDEX \`automations_created_at_idx\` ON \`automations\` (\`created_at\`);`)
    await db.run(sql`CREATE TABLE \`__new_payload_locked_documents_rels\` (
    	\`id\` integer PRIMARY KEY NOT NULL,
    	\`order\` integer,
    	\`parent_id\` integer NOT NULL,
    	\`path\` text NOT NULL,
    	\`media_id\` integer,
    	\`users_id\` integer,
    	\`content_blocks_id\` integer,
    	\`newsletters_id\` integer,
    	\`landing_pages_id\` integer,
    	\`personas_id\` integer,
    	\`interests_id\` integer,
    	\`lifecycle_stages_id\` integer,
    	\`regions_id\` integer,
    	\`conversions_id\` integer,
    	\`subscribers_id\` integer,
    	\`events_id\` integer,
    	\`topics_id\` integer,
    	\`consent_records_id\` integer,
    	\`scoring_rules_id\` integer,
    	\`stage_rules_id\` integer,
    	\`score_hits_id\` integer,
    	\`lead_scores_id\` integer,
    	\`purchase_models_id\` integer,
    	\`segments_id\` integer,
    	\`segment_members_id\` integer,
    	\`campaigns_id\` integer,
    	\`campaign_sends_id\` integer,
    	\`automations_id\` integer,
    	\`automation_runs_id\` integer,
    	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`media_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`content_blocks_id\`) REFERENCES \`content_blocks\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`newsletters_id\`) REFERENCES \`newsletters\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`landing_pages_id\`) REFERENCES \`landing_pages\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`personas_id\`) REFERENCES \`personas\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`interests_id\`) REFERENCES \`interests\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`lifecycle_stages_id\`) REFERENCES \`lifecycle_stages\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`regions_id\`) REFERENCES \`regions\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`conversions_id\`) REFERENCES \`conversions\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`subscribers_id\`) REFERENCES \`subscribers\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`events_id\`) REFERENCES \`events\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`topics_id\`) REFERENCES \`topics\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`consent_records_id\`) REFERENCES \`consent_records\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`scoring_rules_id\`) REFERENCES \`scoring_rules\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`stage_rules_id\`) REFERENCES \`stage_rules\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`score_hits_id\`) REFERENCES \`score_hits\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`lead_scores_id\`) REFERENCES \`lead_scores\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`purchase_models_id\`) REFERENCES \`purchase_models\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`segments_id\`) REFERENCES \`segments\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`segment_members_id\`) REFERENCES \`segment_members\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`campaigns_id\`) REFERENCES \`campaigns\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`campaign_sends_id\`) REFERENCES \`campaign_sends\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`automations_id\`) REFERENCES \`automations\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`automation_runs_id\`) REFERENCES \`automation_runs\`(\`id\`) ON UPDATE no action ON DELETE cascade
    );
    `)
    await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "media_id", "users_id", "content_blocks_id", "newsletters_id", "landing_pages_id", "personas_id", "interests_id", "lifecycle_stages_id", "regions_id", "conversions_id", "subscribers_id", "events_id", "topics_id", "consent_records_id", "scoring_rules_id", "stage_rules_id", "score_hits_id", "lead_scores_id", "purchase_models_id", "segments_id", "segment_members_id", "campaigns_id", "campaign_sends_id", "automations_id", "automation_runs_id") SELECT "id", "order", "parent_id", "path", "media_id", "users_id", "content_blocks_id", "newsletters_id", "landing_pages_id", "personas_id", "interests_id", "lifecycle_stages_id", "regions_id", "conversions_id", "subscribers_id", "events_id", "topics_id", "consent_records_id", "scoring_rules_id", "stage_rules_id", "score_hits_id", "lead_scores_id", "purchase_models_id", "segments_id", "segment_members_id", "campaigns_id", "campaign_sends_id", "automations_id", "automation_runs_id" FROM \`payload_locked_documents_rels\`;`)
    await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
    await db.run(sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_media_id_idx\` ON \`payload_locked_documents_rels\` (\`media_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_content_blocks_id_idx\` ON \`payload_locked_documents_rels\` (\`content_blocks_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_newsletters_id_idx\` ON \`payload_locked_documents_rels\` (\`newsletters_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_landing_pages_id_idx\` ON \`payload_locked_documents_rels\` (\`landing_pages_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_personas_id_idx\` ON \`payload_locked_documents_rels\` (\`personas_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_interests_id_idx\` ON \`payload_locked_documents_rels\` (\`interests_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_lifecycle_stages_id_idx\` ON \`payload_locked_documents_rels\` (\`lifecycle_stages_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_regions_id_idx\` ON \`payload_locked_documents_rels\` (\`regions_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_conversions_id_idx\` ON \`payload_locked_documents_rels\` (\`conversions_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_subscribers_id_idx\` ON \`payload_locked_documents_rels\` (\`subscribers_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_events_id_idx\` ON \`payload_locked_documents_rels\` (\`events_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_topics_id_idx\` ON \`payload_locked_documents_rels\` (\`topics_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_consent_records_id_idx\` ON \`payload_locked_documents_rels\` (\`consent_records_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_scoring_rules_id_idx\` ON \`payload_locked_documents_rels\` (\`scoring_rules_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_stage_rules_id_idx\` ON \`payload_locked_documents_rels\` (\`stage_rules_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_score_hits_id_idx\` ON \`payload_locked_documents_rels\` (\`score_hits_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_lead_scores_id_idx\` ON \`payload_locked_documents_rels\` (\`lead_scores_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_purchase_models_id_idx\` ON \`payload_locked_documents_rels\` (\`purchase_models_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_segments_id_idx\` ON \`payload_locked_documents_rels\` (\`segments_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_segment_members_id_idx\` ON \`payload_locked_documents_rels\` (\`segment_members_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_campaigns_id_idx\` ON \`payload_locked_documents_rels\` (\`campaigns_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_campaign_sends_id_idx\` ON \`payload_locked_documents_rels\` (\`campaign_sends_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_automations_id_idx\` ON \`payload_locked_documents_rels\` (\`automations_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_automation_runs_id_idx\` ON \`payload_locked_documents_rels\` (\`automation_runs_id\`);`)
    await db.run(sql`DROP INDEX \`subscribers_external_id_idx\`;`)
    await db.run(sql`CREATE INDEX \`subscribers_prediction_prediction_repeat_purchases_idx\` ON \`subscribers\` (\`prediction_repeat_purchases\`);`)
    await db.run(sql`CREATE INDEX \`subscribers_prediction_prediction_recency_weeks_idx\` ON \`subscribers\` (\`prediction_recency_weeks\`);`)
    await db.run(sql`CREATE INDEX \`subscribers_prediction_prediction_age_weeks_idx\` ON \`subscribers\` (\`prediction_age_weeks\`);`)
    await db.run(sql`ALTER TABLE \`subscribers\` DROP COLUMN \`external_id\`;`)
  })
}
