import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

import { rebuildTables } from '../../sqliteTableRebuild'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await rebuildTables(db, async () => {
    await db.run(sql`CREATE TABLE \`erasure_suppressions\` (
    	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
    	\`email_hash\` text NOT NULL,
    	\`external_id_hash\` text,
    	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
    );
    `)
    await db.run(sql`CREATE UNIQUE INDEX \`erasure_suppressions_email_hash_idx\` ON \`erasure_suppressions\` (\`email_hash\`);`)
    await db.run(sql`CREATE INDEX \`erasure_suppressions_external_id_hash_idx\` ON \`erasure_suppressions\` (\`external_id_hash\`);`)
    await db.run(sql`CREATE INDEX \`erasure_suppressions_updated_at_idx\` ON \`erasure_suppressions\` (\`updated_at\`);`)
    await db.run(sql`CREATE INDEX \`erasure_suppressions_created_at_idx\` ON \`erasure_suppressions\` (\`created_at\`);`)
    await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`erasure_suppressions_id\` integer REFERENCES erasure_suppressions(id);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_erasure_suppressions_id_idx\` ON \`payload_locked_documents_rels\` (\`erasure_suppressions_id\`);`)
  })
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await rebuildTables(db, async () => {
    await db.run(sql`DROP TABLE \`erasure_suppressions\`;`)
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
    	\`visitor_events_id\` integer,
    	\`visitor_merges_id\` integer,
    	\`catalog_products_id\` integer,
    	\`webhooks_id\` integer,
    	\`webhook_deliveries_id\` integer,
    	\`topics_id\` integer,
    	\`consent_records_id\` integer,
    	\`subscriber_imports_id\` integer,
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
    	\`audit_log_id\` integer,
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
    	FOREIGN KEY (\`visitor_events_id\`) REFERENCES \`visitor_events\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`visitor_merges_id\`) REFERENCES \`visitor_merges\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`catalog_products_id\`) REFERENCES \`catalog_products\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`webhooks_id\`) REFERENCES \`webhooks\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`webhook_deliveries_id\`) REFERENCES \`webhook_deliveries\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`topics_id\`) REFERENCES \`topics\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`consent_records_id\`) REFERENCES \`consent_records\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`subscriber_imports_id\`) REFERENCES \`subscriber_imports\`(\`id\`) ON UPDATE no action ON DELETE cascade,
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
    	FOREIGN KEY (\`automation_runs_id\`) REFERENCES \`automation_runs\`(\`id\`) ON UPDATE no action ON DELETE cascade,
    	FOREIGN KEY (\`audit_log_id\`) REFERENCES \`audit_log\`(\`id\`) ON UPDATE no action ON DELETE cascade
    );
    `)
    await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "media_id", "users_id", "content_blocks_id", "newsletters_id", "landing_pages_id", "personas_id", "interests_id", "lifecycle_stages_id", "regions_id", "conversions_id", "subscribers_id", "events_id", "visitor_events_id", "visitor_merges_id", "catalog_products_id", "webhooks_id", "webhook_deliveries_id", "topics_id", "consent_records_id", "subscriber_imports_id", "scoring_rules_id", "stage_rules_id", "score_hits_id", "lead_scores_id", "purchase_models_id", "segments_id", "segment_members_id", "campaigns_id", "campaign_sends_id", "automations_id", "automation_runs_id", "audit_log_id") SELECT "id", "order", "parent_id", "path", "media_id", "users_id", "content_blocks_id", "newsletters_id", "landing_pages_id", "personas_id", "interests_id", "lifecycle_stages_id", "regions_id", "conversions_id", "subscribers_id", "events_id", "visitor_events_id", "visitor_merges_id", "catalog_products_id", "webhooks_id", "webhook_deliveries_id", "topics_id", "consent_records_id", "subscriber_imports_id", "scoring_rules_id", "stage_rules_id", "score_hits_id", "lead_scores_id", "purchase_models_id", "segments_id", "segment_members_id", "campaigns_id", "campaign_sends_id", "automations_id", "automation_runs_id", "audit_log_id" FROM \`payload_locked_documents_rels\`;`)
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
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_visitor_events_id_idx\` ON \`payload_locked_documents_rels\` (\`visitor_events_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_visitor_merges_id_idx\` ON \`payload_locked_documents_rels\` (\`visitor_merges_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_catalog_products_id_idx\` ON \`payload_locked_documents_rels\` (\`catalog_products_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_webhooks_id_idx\` ON \`payload_locked_documents_rels\` (\`webhooks_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_webhook_deliveries_id_idx\` ON \`payload_locked_documents_rels\` (\`webhook_deliveries_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_topics_id_idx\` ON \`payload_locked_documents_rels\` (\`topics_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_consent_records_id_idx\` ON \`payload_locked_documents_rels\` (\`consent_records_id\`);`)
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_subscriber_imports_id_idx\` ON \`payload_locked_documents_rels\` (\`subscriber_imports_id\`);`)
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
    await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_audit_log_id_idx\` ON \`payload_locked_documents_rels\` (\`audit_log_id\`);`)
  })
}
