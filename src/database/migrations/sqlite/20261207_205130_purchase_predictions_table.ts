import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

import { rebuildTables } from '../../sqliteTableRebuild'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await rebuildTables(db, async () => {
    await db.run(sql`CREATE TABLE \`purchase_predictions\` (
    	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
    	\`subscriber_id\` integer,
    	\`model_id\` integer,
    	\`probability_alive\` numeric,
    	\`expected_purchases\` numeric,
    	\`expected_value\` numeric,
    	\`repeat_purchases\` numeric,
    	\`recency_weeks\` numeric,
    	\`age_weeks\` numeric,
    	FOREIGN KEY (\`subscriber_id\`) REFERENCES \`subscribers\`(\`id\`) ON UPDATE no action ON DELETE set null,
    	FOREIGN KEY (\`model_id\`) REFERENCES \`purchase_models\`(\`id\`) ON UPDATE no action ON DELETE set null
    );
    `)
    await db.run(sql`CREATE INDEX \`purchase_predictions_subscriber_idx\` ON \`purchase_predictions\` (\`subscriber_id\`);`)
    await db.run(sql`CREATE INDEX \`purchase_predictions_model_idx\` ON \`purchase_predictions\` (\`model_id\`);`)
    await db.run(sql`CREATE UNIQUE INDEX \`model_subscriber_idx\` ON \`purchase_predictions\` (\`model_id\`,\`subscriber_id\`);`)
    // The predictions move off the subscriber rows (kept, not refitted): every scored buyer's row under its model.
    await db.run(sql`INSERT INTO \`purchase_predictions\` (subscriber_id, model_id, probability_alive, expected_purchases, expected_value, repeat_purchases, recency_weeks, age_weeks) SELECT id, prediction_model_id, prediction_probability_alive, prediction_expected_purchases, prediction_expected_value, prediction_repeat_purchases, prediction_recency_weeks, prediction_age_weeks FROM \`subscribers\` WHERE prediction_model_id IS NOT NULL AND prediction_probability_alive IS NOT NULL;`)
    await db.run(sql`CREATE TABLE \`__new_subscribers\` (
    	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
    	\`email\` text NOT NULL,
    	\`external_id\` text,
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
    	\`score_total\` numeric DEFAULT 0,
    	\`score_fit\` numeric DEFAULT 0,
    	\`score_engagement\` numeric DEFAULT 0,
    	\`score_fit_attributes\` numeric DEFAULT 0,
    	\`score_persona_fits\` text,
    	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	FOREIGN KEY (\`persona_id\`) REFERENCES \`personas\`(\`id\`) ON UPDATE no action ON DELETE set null,
    	FOREIGN KEY (\`stage_id\`) REFERENCES \`lifecycle_stages\`(\`id\`) ON UPDATE no action ON DELETE set null
    );
    `)
    await db.run(sql`INSERT INTO \`__new_subscribers\`("id", "email", "external_id", "gender", "academic_title", "first_name", "last_name", "address_form", "locale", "region", "time_zone", "attributes", "persona_id", "stage_id", "link_key", "preferences_frequency", "preferences_paused_until", "deliverability_undeliverable_since", "deliverability_reason", "persona_locked", "score_total", "score_fit", "score_engagement", "score_fit_attributes", "score_persona_fits", "updated_at", "created_at") SELECT "id", "email", "external_id", "gender", "academic_title", "first_name", "last_name", "address_form", "locale", "region", "time_zone", "attributes", "persona_id", "stage_id", "link_key", "preferences_frequency", "preferences_paused_until", "deliverability_undeliverable_since", "deliverability_reason", "persona_locked", "score_total", "score_fit", "score_engagement", "score_fit_attributes", "score_persona_fits", "updated_at", "created_at" FROM \`subscribers\`;`)
    await db.run(sql`DROP TABLE \`subscribers\`;`)
    await db.run(sql`ALTER TABLE \`__new_subscribers\` RENAME TO \`subscribers\`;`)
    await db.run(sql`CREATE UNIQUE INDEX \`subscribers_email_idx\` ON \`subscribers\` (\`email\`);`)
    await db.run(sql`CREATE UNIQUE INDEX \`subscribers_external_id_idx\` ON \`subscribers\` (\`external_id\`);`)
    await db.run(sql`CREATE INDEX \`subscribers_locale_idx\` ON \`subscribers\` (\`locale\`);`)
    await db.run(sql`CREATE INDEX \`subscribers_region_idx\` ON \`subscribers\` (\`region\`);`)
    await db.run(sql`CREATE INDEX \`subscribers_persona_idx\` ON \`subscribers\` (\`persona_id\`);`)
    await db.run(sql`CREATE INDEX \`subscribers_stage_idx\` ON \`subscribers\` (\`stage_id\`);`)
    await db.run(sql`CREATE INDEX \`subscribers_score_score_total_idx\` ON \`subscribers\` (\`score_total\`);`)
    await db.run(sql`CREATE INDEX \`subscribers_score_score_fit_idx\` ON \`subscribers\` (\`score_fit\`);`)
    await db.run(sql`CREATE INDEX \`subscribers_score_score_engagement_idx\` ON \`subscribers\` (\`score_engagement\`);`)
    await db.run(sql`CREATE INDEX \`subscribers_updated_at_idx\` ON \`subscribers\` (\`updated_at\`);`)
    await db.run(sql`CREATE INDEX \`subscribers_created_at_idx\` ON \`subscribers\` (\`created_at\`);`)
  })
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await rebuildTables(db, async () => {
    await db.run(sql`DROP TABLE \`purchase_predictions\`;`)
    await db.run(sql`ALTER TABLE \`subscribers\` ADD \`prediction_probability_alive\` numeric;`)
    await db.run(sql`ALTER TABLE \`subscribers\` ADD \`prediction_expected_purchases\` numeric;`)
    await db.run(sql`ALTER TABLE \`subscribers\` ADD \`prediction_expected_value\` numeric;`)
    await db.run(sql`ALTER TABLE \`subscribers\` ADD \`prediction_repeat_purchases\` numeric;`)
    await db.run(sql`ALTER TABLE \`subscribers\` ADD \`prediction_recency_weeks\` numeric;`)
    await db.run(sql`ALTER TABLE \`subscribers\` ADD \`prediction_age_weeks\` numeric;`)
    await db.run(sql`ALTER TABLE \`subscribers\` ADD \`prediction_model_id\` integer REFERENCES purchase_models(id);`)
    await db.run(sql`ALTER TABLE \`subscribers\` ADD \`prediction_scored_at\` text;`)
    await db.run(sql`CREATE INDEX \`subscribers_prediction_prediction_model_idx\` ON \`subscribers\` (\`prediction_model_id\`);`)
  })
}
