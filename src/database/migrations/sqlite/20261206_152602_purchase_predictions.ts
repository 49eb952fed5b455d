import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

import { rebuildTables } from '../../sqliteTableRebuild'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await rebuildTables(db, async () => {
    await db.run(sql`CREATE TABLE \`purchase_models\` (
    	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
    	\`fitted_at\` text NOT NULL,
    	\`status\` text NOT NULL,
    	\`window_start\` text NOT NULL,
    	\`window_end\` text NOT NULL,
    	\`horizon_days\` numeric,
    	\`customers\` numeric,
    	\`repeat_customers\` numeric,
    	\`transactions\` numeric,
    	\`log_likelihood\` numeric,
    	\`parameters_r\` numeric NOT NULL,
    	\`parameters_alpha\` numeric NOT NULL,
    	\`parameters_a\` numeric NOT NULL,
    	\`parameters_b\` numeric NOT NULL,
    	\`spend_p\` numeric,
    	\`spend_q\` numeric,
    	\`spend_gamma\` numeric,
    	\`spend_customers\` numeric,
    	\`scored_subscribers\` numeric,
    	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
    );
    `)
    await db.run(sql`CREATE INDEX \`purchase_models_fitted_at_idx\` ON \`purchase_models\` (\`fitted_at\`);`)
    await db.run(sql`CREATE INDEX \`purchase_models_status_idx\` ON \`purchase_models\` (\`status\`);`)
    await db.run(sql`CREATE INDEX \`purchase_models_updated_at_idx\` ON \`purchase_models\` (\`updated_at\`);`)
    await db.run(sql`CREATE INDEX \`purchase_models_created_at_idx\` ON \`purchase_models\` (\`created_at\`);`)
    await db.run(sql`CREATE TABLE \`payload_jobs_stats\` (
    	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
    	\`stats\` text,
    	\`updated_at\` text,
    	\`created_at\` text
    );
    `)
    await db.run(sql`ALTER TABLE \`subscribers\` ADD \`prediction_probability_alive\` numeric;`)
    await db.run(sql`ALTER TABLE \`subscribers\` ADD \`prediction_expected_purchases\` numeric;`)
    await db.run(sql`ALTER TABLE \`subscribers\` ADD \`prediction_expected_value\` numeric;`)
    await db.run(sql`ALTER TABLE \`subscribers\` ADD \`prediction_repeat_purchases\` numeric;`)
    await db.run(sql`ALTER TABLE \`subscribers\` ADD \`prediction_recency_weeks\` numeric;`)
    await db.run(sql`ALTER TABLE \`subscribers\` ADD \`prediction_age_weeks\` numeric;`)
    await db.run(sql`ALTER TABLE \`subscribers\` ADD \`prediction_model_id\` integer REFERENCES purchase_models(id) ON DELETE set null;`)
    await db.run(sql`ALTER TABLE \`subscribers\` ADD \`prediction_scored_at\` text;`)
    await db.run(sql`CREATE INDEX \`subscribers_prediction_prediction_probability_alive_idx\` ON \`subscribers\` (\`prediction_probability_alive\`);`)
    await db.run(sql`CREATE INDEX \`subscribers_prediction_prediction_expected_purchases_idx\` ON \`subscribers\` (\`prediction_expected_purchases\`);`)
    await db.run(sql`CREATE INDEX \`subscribers_prediction_prediction_expected_value_idx\` ON \`subscribers\` (\`prediction_expected_value\`);`)
    await db.run(sql`CREATE INDEX \`subscribers_prediction_prediction_repeat_purchases_idx\` ON \`subscribers\` (\`prediction_repeat_purchases\`);`)
    await db.run(sql`CREATE INDEX \`subscribers_prediction_prediction_recency_weeks_idx\` ON \`subscribers\` (\`prediction_recency_weeks\`);`)
    await db.run(sql`CREATE INDEX \`subscribers_prediction_prediction_age_weeks_idx\` ON \`subscribers\` (\`prediction_age_weeks\`);`)
    await db.run(sql`CREATE INDEX \`subscribers_prediction_prediction_model_idx\` ON \`subscribers\` (\`prediction_model_id\`);`)
    await db.run(sql`ALTER TABLE \`payload_jobs\` ADD \`meta\` text;`)
    await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`purchase_models_id\` integer REFERENCES purchase_models(id) ON DELETE cascade;`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_purchase_models_id_idx\` ON \`payload_locked_documents_rels\` (\`purchase_models_id\`);`)
  })
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await rebuildTables(db, async () => {
    await db.run(sql`DROP TABLE \`purchase_models\`;`)
    await db.run(sql`DROP TABLE \`payload_jobs_stats\`;`)
    await db.run(sql`CREATE TABLE \`__new_subscribers\` (
    	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
    	\`email\` text NOT NULL,
    	\`gender\` text DEFAULT 'unspecified',
    	\`academic_title\` text,
    	\`first_name\` text,
    	\`last_name\` text,
    	\`address_form\` text DEFAULT 'formal' NOT NULL,
    	\`locale\` text DEFAULT 'de' NOT NULL,
    	\`region\` text,
    	\`time_zone\` text,
    	\`attributes\` text,
    	\`persona_id\` integer,
    	\`stage_id\` integer,
    	\`link_key\` text,
    	\`preferences_frequency\` text DEFAULT 'weekly' NOT NULL,
    	\`preferences_paused_until\` text,
    	\`deliverability_undeliverable_since\` text,
    	\`deliverability_reason\` text,
    	\`persona_locked\` integer DEFAULT false,
    	\`score_fit_attributes\` numeric DEFAULT 0,
    	\`score_persona_fits\` text,
    	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	FOREIGN KEY (\`persona_id\`) REFERENCES \`personas\`(\`id\`) ON UPDATE no action ON DELETE set null,
    	FOREIGN KEY (\`stage_id\`) REFERENCES \`lifecycle_stages\`(\`id\`) ON UPDATE no action ON DELETE set null
    );
    `)
    await db.run(sql`INSERT INTO \`__new_subscribers\`("id", "email", "gender", "academic_title", "first_name", "last_name", "address_form", "locale", "region", "time_zone", "attributes", "persona_id", "stage_id", "link_key", "preferences_frequency", "preferences_paused_until", "deliverability_undeliverable_since", "deliverability_reason", "persona_locked", "score_fit_attributes", "score_persona_fits", "updated_at", "created_at") SELECT "id", "email", "gender", "academic_title", "first_name", "last_name", "address_form", "locale", "region", "time_zone", "attributes", "persona_id", "stage_id", "link_key", "preferences_frequency", "preferences_paused_until", "deliverability_undeliverable_since", "deliverability_reason", "persona_locked", "score_fit_attributes", "score_persona_fits", "updated_at", "created_at" FROM \`subscribers\`;`)
    await db.run(sql`DROP TABLE \`subscribers\`;`)
    await db.run(sql`ALTER TABLE \`__new_subscribers\` RENAME TO \`subscribers\`;`)
    await db.run(sql`CREATE UNIQUE INDEX \`subscribers_email_idx\` ON \`subscribers\` (\`email\`);`)
    await db.run(sql`CREATE INDEX \`subscribers_locale_idx\` ON \`subscribers\` (\`locale\`);`)
    await db.run(sql`CREATE INDEX \`subscribers_region_idx\` ON \`subscribers\` (\`region\`);`)
    await db.run(sql`CREATE INDEX \`subscribers_persona_idx\` ON \`subscribers\` (\`persona_id\`);`)
    await db.run(sql`CREATE INDEX \`subscribers_stage_idx\` ON \`subscribers\` (\`stage_id\`);`)
    await db.run(sql`CREATE INDEX \`subscribers_updated_at_idx\` ON \`subscribers\` (\`updated_at\`);`)
    await db.run(sql`CREATE INDEX \`subscribers_created_at_idx\` ON \`subscribers\` (\`created_at\`);`)
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
    	FOREIGN KEY (\`segments_id\`) REFERENCES \`segments\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`segment_members_id\`) REFERENCES \`segment_members\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`campaigns_id\`) REFERENCES \`campaigns\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`campaign_sends_id\`) REFERENCES \`campaign_sends\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`automations_id\`) REFERENCES \`automations\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`automation_runs_id\`) REFERENCES \`automation_runs\`(\`id\`) ON UPDATE no action ON DELETE cascade
    );
    `)
    await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "media_id", "users_id", "content_blocks_id", "newsletters_id", "landing_pages_id", "personas_id", "interests_id", "lifecycle_stages_id", "regions_id", "conversions_id", "subscribers_id", "events_id", "topics_id", "consent_records_id", "scoring_rules_id", "stage_rules_id", "score_hits_id", "lead_scores_id", "segments_id", "segment_members_id", "campaigns_id", "campaign_sends_id", "automations_id", "automation_runs_id") SELECT "id", "order", "parent_id", "path", "media_id", "users_id", "content_blocks_id", "newsletters_id", "landing_pages_id", "personas_id", "interests_id", "lifecycle_stages_id", "regions_id", "conversions_id", "subscribers_id", "events_id", "topics_id", "consent_records_id", "scoring_rules_id", "stage_rules_id", "score_hits_id", "lead_scores_id", "segments_id", "segment_members_id", "campaigns_id", "campaign_sends_id", "automations_id", "automation_runs_id" FROM \`payload_locked_documents_rels\`;`)
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
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_segments_id_idx\` ON \`payload_locked_documents_rels\` (\`segments_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_segment_members_id_idx\` ON \`payload_locked_documents_rels\` (\`segment_members_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_campaigns_id_idx\` ON \`payload_locked_documents_rels\` (\`campaigns_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_campaign_sends_id_idx\` ON \`payload_locked_documents_rels\` (\`campaign_sends_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_automations_id_idx\` ON \`payload_locked_documents_rels\` (\`automations_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_automation_runs_id_idx\` ON \`payload_locked_documents_rels\` (\`automation_runs_id\`);`)
    await db.run(sql`ALTER TABLE \`payload_jobs\` DROP COLUMN \`meta\`;`)
  })
}
