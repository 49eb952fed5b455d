import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

import { automationStepPrioritiesSqlite } from '../../dataMigrations/automationStepPriorities'
import { purchasesToEventsSqlite } from '../../dataMigrations/purchasesToEvents'
import { rebuildTables } from '../../sqliteTableRebuild'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  // Stored purchases become purchase events before their table goes (issue 15: events are the one source).
  await purchasesToEventsSqlite(db)
  await rebuildTables(db, async () => {
    await db.run(sql`CREATE TABLE \`newsletters_translations\` (
    	\`_order\` integer NOT NULL,
    	\`_parent_id\` integer NOT NULL,
    	\`id\` text PRIMARY KEY NOT NULL,
    	\`locale\` text NOT NULL,
    	\`subject\` text NOT NULL,
    	\`preheader\` text,
    	FOREIGN KEY (\`_parent_id\`) REFERENCES \`newsletters\`(\`id\`) ON UPDATE no action ON DELETE cascade
    );
    `)
    await db.run(sql`CREATE INDEX \`newsletters_translations_order_idx\` ON \`newsletters_translations\` (\`_order\`);`)
    await db.run(sql`CREATE INDEX \`newsletters_translations_parent_id_idx\` ON \`newsletters_translations\` (\`_parent_id\`);`)
    await db.run(sql`CREATE TABLE \`regions\` (
    	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
    	\`name\` text NOT NULL,
    	\`code\` text NOT NULL,
    	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
    );
    `)
    await db.run(sql`CREATE UNIQUE INDEX \`regions_code_idx\` ON \`regions\` (\`code\`);`)
    await db.run(sql`CREATE INDEX \`regions_updated_at_idx\` ON \`regions\` (\`updated_at\`);`)
    await db.run(sql`CREATE INDEX \`regions_created_at_idx\` ON \`regions\` (\`created_at\`);`)
    await db.run(sql`CREATE TABLE \`conversions\` (
    	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
    	\`name\` text NOT NULL,
    	\`key\` text NOT NULL,
    	\`kind\` text DEFAULT 'download' NOT NULL,
    	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
    );
    `)
    await db.run(sql`CREATE UNIQUE INDEX \`conversions_key_idx\` ON \`conversions\` (\`key\`);`)
    await db.run(sql`CREATE INDEX \`conversions_updated_at_idx\` ON \`conversions\` (\`updated_at\`);`)
    await db.run(sql`CREATE INDEX \`conversions_created_at_idx\` ON \`conversions\` (\`created_at\`);`)
    await db.run(sql`CREATE TABLE \`contact_budget\` (
    	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
    	\`email_per_day\` numeric DEFAULT 1 NOT NULL,
    	\`email_per_week\` numeric DEFAULT 3 NOT NULL,
    	\`sms_per_day\` numeric DEFAULT 1 NOT NULL,
    	\`sms_per_week\` numeric DEFAULT 3 NOT NULL,
    	\`push_per_day\` numeric DEFAULT 1 NOT NULL,
    	\`push_per_week\` numeric DEFAULT 3 NOT NULL,
    	\`quiet_hours_from\` text DEFAULT '20:00' NOT NULL,
    	\`quiet_hours_until\` text DEFAULT '08:00' NOT NULL,
    	\`updated_at\` text,
    	\`created_at\` text
    );
    `)
    await db.run(sql`DROP TABLE \`subscribers_purchases\`;`)
    await db.run(sql`ALTER TABLE \`content_blocks\` ADD \`converts_on_id\` integer REFERENCES conversions(id);`)
    await db.run(sql`ALTER TABLE \`content_blocks\` ADD \`conversion_window_days\` numeric;`)
    await db.run(sql`CREATE INDEX \`content_blocks_converts_on_idx\` ON \`content_blocks\` (\`converts_on_id\`);`)
    await db.run(sql`ALTER TABLE \`content_blocks_rels\` ADD \`regions_id\` integer REFERENCES regions(id);`)
    await db.run(sql`CREATE INDEX \`content_blocks_rels_regions_id_idx\` ON \`content_blocks_rels\` (\`regions_id\`);`)
    await db.run(sql`ALTER TABLE \`_content_blocks_v\` ADD \`version_converts_on_id\` integer REFERENCES conversions(id);`)
    await db.run(sql`ALTER TABLE \`_content_blocks_v\` ADD \`version_conversion_window_days\` numeric;`)
    await db.run(sql`CREATE INDEX \`_content_blocks_v_version_version_converts_on_idx\` ON \`_content_blocks_v\` (\`version_converts_on_id\`);`)
    await db.run(sql`ALTER TABLE \`_content_blocks_v_rels\` ADD \`regions_id\` integer REFERENCES regions(id);`)
    await db.run(sql`CREATE INDEX \`_content_blocks_v_rels_regions_id_idx\` ON \`_content_blocks_v_rels\` (\`regions_id\`);`)
    await db.run(sql`ALTER TABLE \`newsletters_slots\` ADD \`match\` text DEFAULT 'all';`)
    await db.run(sql`ALTER TABLE \`landing_pages_slots\` ADD \`match\` text DEFAULT 'all';`)
    await db.run(sql`ALTER TABLE \`campaigns\` ADD \`priority\` text DEFAULT 'normal' NOT NULL;`)
    await db.run(sql`ALTER TABLE \`campaigns\` DROP COLUMN \`exempt_from_caps\`;`)
    await db.run(sql`ALTER TABLE \`automations\` ADD \`priority\` text DEFAULT 'high' NOT NULL;`)
    await db.run(sql`ALTER TABLE \`automations\` ADD \`cooldown_minutes\` numeric DEFAULT 30;`)
    await db.run(sql`ALTER TABLE \`automations\` DROP COLUMN \`counts_toward_caps\`;`)
    await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`regions_id\` integer REFERENCES regions(id);`)
    await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`conversions_id\` integer REFERENCES conversions(id);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_regions_id_idx\` ON \`payload_locked_documents_rels\` (\`regions_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_conversions_id_idx\` ON \`payload_locked_documents_rels\` (\`conversions_id\`);`)
  })
  // Automation step campaigns take their automation's priority (high).
  await automationStepPrioritiesSqlite(db)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await rebuildTables(db, async () => {
    await db.run(sql`CREATE TABLE \`subscribers_purchases\` (
    	\`_order\` integer NOT NULL,
    	\`_parent_id\` integer NOT NULL,
    	\`id\` text PRIMARY KEY NOT NULL,
    	\`product\` text NOT NULL,
    	\`purchased_at\` text NOT NULL,
    	\`amount\` numeric,
    	FOREIGN KEY (\`_parent_id\`) REFERENCES \`subscribers\`(\`id\`) ON UPDATE no action ON DELETE cascade
    );
    `)
    await db.run(sql`CREATE INDEX \`subscribers_purchases_order_idx\` ON \`subscribers_purchases\` (\`_order\`);`)
    await db.run(sql`CREATE INDEX \`subscribers_purchases_parent_id_idx\` ON \`subscribers_purchases\` (\`_parent_id\`);`)
    await db.run(sql`DROP TABLE \`newsletters_translations\`;`)
    await db.run(sql`DROP TABLE \`regions\`;`)
    await db.run(sql`DROP TABLE \`conversions\`;`)
    await db.run(sql`DROP TABLE \`contact_budget\`;`)
    await db.run(sql`CREATE TABLE \`__new_content_blocks\` (
    	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
    	\`title\` text,
    	\`body\` text,
    	\`image_id\` integer,
    	\`cta_label\` text,
    	\`cta_url\` text,
    	\`locale\` text DEFAULT 'de',
    	\`goal\` text,
    	\`discount_product\` text,
    	\`priority\` numeric DEFAULT 50,
    	\`is_fallback\` integer DEFAULT false,
    	\`valid_from\` text,
    	\`valid_until\` text,
    	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	\`_status\` text DEFAULT 'draft',
    	FOREIGN KEY (\`image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null
    );
    `)
    await db.run(sql`INSERT INTO \`__new_content_blocks\`("id", "title", "body", "image_id", "cta_label", "cta_url", "locale", "goal", "discount_product", "priority", "is_fallback", "valid_from", "valid_until", "updated_at", "created_at", "_status") SELECT "id", "title", "body", "image_id", "cta_label", "cta_url", "locale", "goal", "discount_product", "priority", "is_fallback", "valid_from", "valid_until", "updated_at", "created_at", "_status" FROM \`content_blocks\`;`)
    await db.run(sql`DROP TABLE \`content_blocks\`;`)
    await db.run(sql`ALTER TABLE \`__new_content_blocks\` RENAME TO \`content_blocks\`;`)
    await db.run(sql`CREATE INDEX \`content_blocks_image_idx\` ON \`content_blocks\` (\`image_id\`);`)
    await db.run(sql`CREATE INDEX \`content_blocks_locale_idx\` ON \`content_blocks\` (\`locale\`);`)
    await db.run(sql`CREATE INDEX \`content_blocks_goal_idx\` ON \`content_blocks\` (\`goal\`);`)
    await db.run(sql`CREATE INDEX \`content_blocks_is_fallback_idx\` ON \`content_blocks\` (\`is_fallback\`);`)
    await db.run(sql`CREATE INDEX \`content_blocks_valid_from_idx\` ON \`content_blocks\` (\`valid_from\`);`)
    await db.run(sql`CREATE INDEX \`content_blocks_valid_until_idx\` ON \`content_blocks\` (\`valid_until\`);`)
    await db.run(sql`CREATE INDEX \`content_blocks_updated_at_idx\` ON \`content_blocks\` (\`updated_at\`);`)
    await db.run(sql`CREATE INDEX \`content_blocks_created_at_idx\` ON \`content_blocks\` (\`created_at\`);`)
    await db.run(sql`CREATE INDEX \`content_blocks__status_idx\` ON \`content_blocks\` (\`_status\`);`)
    await db.run(sql`CREATE TABLE \`__new_content_blocks_rels\` (
    	\`id\` integer PRIMARY KEY NOT NULL,
    	\`order\` integer,
    	\`parent_id\` integer NOT NULL,
    	\`path\` text NOT NULL,
    	\`personas_id\` integer,
    	\`interests_id\` integer,
    	\`lifecycle_stages_id\` integer,
    	FOREIGN KEY (\`parent_id\`) REFERENCES \`content_blocks\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`personas_id\`) REFERENCES \`personas\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`interests_id\`) REFERENCES \`interests\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`lifecycle_stages_id\`) REFERENCES \`lifecycle_stages\`(\`id\`) ON UPDATE no action ON DELETE cascade
    );
    `)
    await db.run(sql`INSERT INTO \`__new_content_blocks_rels\`("id", "order", "parent_id", "path", "personas_id", "interests_id", "lifecycle_stages_id") SELECT "id", "order", "parent_id", "path", "personas_id", "interests_id", "lifecycle_stages_id" FROM \`content_blocks_rels\`;`)
    await db.run(sql`DROP TABLE \`content_blocks_rels\`;`)
    await db.run(sql`ALTER TABLE \`__new_content_blocks_rels\` RENAME TO \`content_blocks_rels\`;`)
    await db.run(sql`CREATE INDEX \`content_blocks_rels_order_idx\` ON \`content_blocks_rels\` (\`order\`);`)
    await db.run(sql`CREATE INDEX \`content_blocks_rels_parent_idx\` ON \`content_blocks_rels\` (\`parent_id\`);`)
    await db.run(sql`CREATE INDEX \`content_blocks_rels_path_idx\` ON \`content_blocks_rels\` (\`path\`);`)
    await db.run(sql`CREATE INDEX \`content_blocks_rels_personas_id_idx\` ON \`content_blocks_rels\` (\`personas_id\`);`)
    await db.run(sql`CREATE INDEX \`content_blocks_rels_interests_id_idx\` ON \`content_blocks_rels\` (\`interests_id\`);`)
    await db.run(sql`CREATE INDEX \`content_blocks_rels_lifecycle_stages_id_idx\` ON \`content_blocks_rels\` (\`lifecycle_stages_id\`);`)
    await db.run(sql`CREATE TABLE \`__new__content_blocks_v\` (
    	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
    	\`parent_id\` integer,
    	\`version_title\` text,
    	\`version_body\` text,
    	\`version_image_id\` integer,
    	\`version_cta_label\` text,
    	\`version_cta_url\` text,
    	\`version_locale\` text DEFAULT 'de',
    	\`version_goal\` text,
    	\`version_discount_product\` text,
    	\`version_priority\` numeric DEFAULT 50,
    	\`version_is_fallback\` integer DEFAULT false,
    	\`version_valid_from\` text,
    	\`version_valid_until\` text,
    	\`version_updated_at\` text,
    	\`version_created_at\` text,
    	\`version__status\` text DEFAULT 'draft',
    	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	\`snapshot\` integer,
    	\`published_locale\` text,
    	\`latest\` integer,
    	FOREIGN KEY (\`parent_id\`) REFERENCES \`content_blocks\`(\`id\`) ON UPDATE no action ON DELETE set null,
    	FOREIGN KEY (\`version_image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null
    );
    `)
    await db.run(sql`INSERT INTO \`__new__content_blocks_v\`("id", "parent_id", "version_title", "version_body", "version_image_id", "version_cta_label", "version_cta_url", "version_locale", "version_goal", "version_discount_product", "version_priority", "version_is_fallback", "version_valid_from", "version_valid_until", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "snapshot", "published_locale", "latest") SELECT "id", "parent_id", "version_title", "version_body", "version_image_id", "version_cta_label", "version_cta_url", "version_locale", "version_goal", "version_discount_product", "version_priority", "version_is_fallback", "version_valid_from", "version_valid_until", "version_updated_at", "version_created_at", "version__status", "created_at", "updated_at", "snapshot", "published_locale", "latest" FROM \`_content_blocks_v\`;`)
    await db.run(sql`DROP TABLE \`_content_blocks_v\`;`)
    await db.run(sql`ALTER TABLE \`__new__content_blocks_v\` RENAME TO \`_content_blocks_v\`;`)
    await db.run(sql`CREATE INDEX \`_content_blocks_v_parent_idx\` ON \`_content_blocks_v\` (\`parent_id\`);`)
    await db.run(sql`CREATE INDEX \`_content_blocks_v_version_version_image_idx\` ON \`_content_blocks_v\` (\`version_image_id\`);`)
    await db.run(sql`CREATE INDEX \`_content_blocks_v_version_version_locale_idx\` ON \`_content_blocks_v\` (\`version_locale\`);`)
    await db.run(sql`CREATE INDEX \`_content_blocks_v_version_version_goal_idx\` ON \`_content_blocks_v\` (\`version_goal\`);`)
    await db.run(sql`CREATE INDEX \`_content_blocks_v_version_version_is_fallback_idx\` ON \`_content_blocks_v\` (\`version_is_fallback\`);`)
    await db.run(sql`CREATE INDEX \`_content_blocks_v_version_version_valid_from_idx\` ON \`_content_blocks_v\` (\`version_valid_from\`);`)
    await db.run(sql`CREATE INDEX \`_content_blocks_v_version_version_valid_until_idx\` ON \`_content_blocks_v\` (\`version_valid_until\`);`)
    await db.run(sql`CREATE INDEX \`_content_blocks_v_version_version_updated_at_idx\` ON \`_content_blocks_v\` (\`version_updated_at\`);`)
    await db.run(sql`CREATE INDEX \`_content_blocks_v_version_version_created_at_idx\` ON \`_content_blocks_v\` (\`version_created_at\`);`)
    await db.run(sql`CREATE INDEX \`_content_blocks_v_version_version__status_idx\` ON \`_content_blocks_v\` (\`version__status\`);`)
    await db.run(sql`CREATE INDEX \`_content_blocks_v_created_at_idx\` ON \`_content_blocks_v\` (\`created_at\`);`)
    await db.run(sql`CREATE INDEX \`_content_blocks_v_updated_at_idx\` ON \`_content_blocks_v\` (\`updated_at\`);`)
    await db.run(sql`CREATE INDEX \`_content_blocks_v_snapshot_idx\` ON \`_content_blocks_v\` (\`snapshot\`);`)
    await db.run(sql`CREATE INDEX \`_content_blocks_v_published_locale_idx\` ON \`_content_blocks_v\` (\`published_locale\`);`)
    await db.run(sql`CREATE INDEX \`_content_blocks_v_latest_idx\` ON \`_content_blocks_v\` (\`latest\`);`)
    await db.run(sql`CREATE TABLE \`__new__content_blocks_v_rels\` (
    	\`id\` integer PRIMARY KEY NOT NULL,
    	\`order\` integer,
    	\`parent_id\` integer NOT NULL,
    	\`path\` text NOT NULL,
    	\`personas_id\` integer,
    	\`interests_id\` integer,
    	\`lifecycle_stages_id\` integer,
    	FOREIGN KEY (\`parent_id\`) REFERENCES \`_content_blocks_v\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`personas_id\`) REFERENCES \`personas\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`interests_id\`) REFERENCES \`interests\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`lifecycle_stages_id\`) REFERENCES \`lifecycle_stages\`(\`id\`) ON UPDATE no action ON DELETE cascade
    );
    `)
    await db.run(sql`INSERT INTO \`__new__content_blocks_v_rels\`("id", "order", "parent_id", "path", "personas_id", "interests_id", "lifecycle_stages_id") SELECT "id", "order", "parent_id", "path", "personas_id", "interests_id", "lifecycle_stages_id" FROM \`_content_blocks_v_rels\`;`)
    await db.run(sql`DROP TABLE \`_content_blocks_v_rels\`;`)
    await db.run(sql`ALTER TABLE \`__new__content_blocks_v_rels\` RENAME TO \`_content_blocks_v_rels\`;`)
    await db.run(sql`CREATE INDEX \`_content_blocks_v_rels_order_idx\` ON \`_content_blocks_v_rels\` (\`order\`);`)
    await db.run(sql`CREATE INDEX \`_content_blocks_v_rels_parent_idx\` ON \`_content_blocks_v_rels\` (\`parent_id\`);`)
    await db.run(sql`CREATE INDEX \`_content_blocks_v_rels_path_idx\` ON \`_content_blocks_v_rels\` (\`path\`);`)
    await db.run(sql`CREATE INDEX \`_content_blocks_v_rels_personas_id_idx\` ON \`_content_blocks_v_rels\` (\`personas_id\`);`)
    await db.run(sql`CREATE INDEX \`_content_blocks_v_rels_interests_id_idx\` ON \`_content_blocks_v_rels\` (\`interests_id\`);`)
    await db.run(sql`CREATE INDEX \`_content_blocks_v_rels_lifecycle_stages_id_idx\` ON \`_content_blocks_v_rels\` (\`lifecycle_stages_id\`);`)
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
    	\`automations_id\` integer,
    	\`automation_runs_id\` integer,
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
    	FOREIGN KEY (\`campaign_sends_id\`) REFERENCES \`campaign_sends\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`automations_id\`) REFERENCES \`automations\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`automation_runs_id\`) REFERENCES \`automation_runs\`(\`id\`) ON UPDATE no action ON DELETE cascade
    );
    `)
    await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "content_blocks_id", "media_id", "newsletters_id", "landing_pages_id", "personas_id", "interests_id", "lifecycle_stages_id", "subscribers_id", "events_id", "users_id", "topics_id", "consent_records_id", "scoring_rules_id", "stage_rules_id", "score_hits_id", "lead_scores_id", "segments_id", "segment_members_id", "campaigns_id", "campaign_sends_id", "automations_id", "automation_runs_id") SELECT "id", "order", "parent_id", "path", "content_blocks_id", "media_id", "newsletters_id", "landing_pages_id", "personas_id", "interests_id", "lifecycle_stages_id", "subscribers_id", "events_id", "users_id", "topics_id", "consent_records_id", "scoring_rules_id", "stage_rules_id", "score_hits_id", "lead_scores_id", "segments_id", "segment_members_id", "campaigns_id", "campaign_sends_id", "automations_id", "automation_runs_id" FROM \`payload_locked_documents_rels\`;`)
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
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_automations_id_idx\` ON \`payload_locked_documents_rels\` (\`automations_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_automation_runs_id_idx\` ON \`payload_locked_documents_rels\` (\`automation_runs_id\`);`)
    await db.run(sql`ALTER TABLE \`campaigns\` ADD \`exempt_from_caps\` integer;`)
    await db.run(sql`ALTER TABLE \`campaigns\` DROP COLUMN \`priority\`;`)
    await db.run(sql`ALTER TABLE \`automations\` ADD \`counts_toward_caps\` integer DEFAULT false;`)
    await db.run(sql`ALTER TABLE \`automations\` DROP COLUMN \`priority\`;`)
    await db.run(sql`ALTER TABLE \`automations\` DROP COLUMN \`cooldown_minutes\`;`)
    await db.run(sql`ALTER TABLE \`newsletters_slots\` DROP COLUMN \`match\`;`)
    await db.run(sql`ALTER TABLE \`landing_pages_slots\` DROP COLUMN \`match\`;`)
  })
}
