// @ts-nocheck -- generated; drizzle-orm is installed twice, so its SQL types disagree
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_webhooks_events" AS ENUM('consent_changed', 'unsubscribed', 'stage_changed', 'bounced', 'campaign_sent');
  CREATE TYPE "public"."enum_webhook_deliveries_event_type" AS ENUM('consent_changed', 'unsubscribed', 'stage_changed', 'bounced', 'campaign_sent');
  CREATE TYPE "public"."enum_webhook_deliveries_status" AS ENUM('queued', 'retrying', 'delivered', 'failed');
  CREATE TYPE "public"."enum_automations_date_source" AS ENUM('attribute', 'event');
  CREATE TYPE "public"."enum_automations_date_direction" AS ENUM('before', 'after');
  CREATE TYPE "public"."enum_automations_loyalty_moment" AS ENUM('reached', 'close');
  CREATE TYPE "public"."enum_automations_loyalty_measure" AS ENUM('purchases', 'spend');
  ALTER TYPE "public"."enum_automations_trigger" ADD VALUE 'date_relative';
  ALTER TYPE "public"."enum_automations_trigger" ADD VALUE 'loyalty_tier';
  ALTER TYPE "public"."enum_audit_log_resource" ADD VALUE 'webhooks' BEFORE 'topics';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'kontorwerkWebhookDelivery' BEFORE 'subscriberImport';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'kontorwerkWebhookDelivery' BEFORE 'subscriberImport';
  CREATE TABLE "webhooks_events" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_webhooks_events",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "webhooks" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"url" varchar NOT NULL,
  	"secret" varchar,
  	"active" boolean DEFAULT true,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "webhook_deliveries" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"webhook_id" integer NOT NULL,
  	"event_type" "enum_webhook_deliveries_event_type" NOT NULL,
  	"event_id" varchar NOT NULL,
  	"delivery_key" varchar NOT NULL,
  	"body" jsonb NOT NULL,
  	"status" "enum_webhook_deliveries_status" DEFAULT 'queued' NOT NULL,
  	"attempts" numeric DEFAULT 0,
  	"last_response_code" numeric,
  	"last_error" varchar,
  	"last_attempt_at" timestamp(3) with time zone,
  	"delivered_at" timestamp(3) with time zone,
  	"replays" numeric DEFAULT 0,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "automations" ADD COLUMN "date_source" "enum_automations_date_source" DEFAULT 'attribute';
  ALTER TABLE "automations" ADD COLUMN "date_attribute" varchar;
  ALTER TABLE "automations" ADD COLUMN "date_event" varchar;
  ALTER TABLE "automations" ADD COLUMN "date_property" varchar;
  ALTER TABLE "automations" ADD COLUMN "date_offset_days" numeric DEFAULT 0;
  ALTER TABLE "automations" ADD COLUMN "date_direction" "enum_automations_date_direction" DEFAULT 'before';
  ALTER TABLE "automations" ADD COLUMN "date_hour" numeric DEFAULT 9;
  ALTER TABLE "automations" ADD COLUMN "loyalty_moment" "enum_automations_loyalty_moment" DEFAULT 'reached';
  ALTER TABLE "automations" ADD COLUMN "loyalty_measure" "enum_automations_loyalty_measure" DEFAULT 'purchases';
  ALTER TABLE "automations" ADD COLUMN "loyalty_threshold" numeric;
  ALTER TABLE "automations" ADD COLUMN "loyalty_currency" varchar;
  ALTER TABLE "automations" ADD COLUMN "loyalty_close_within" numeric;
  ALTER TABLE "automations" ADD COLUMN "loyalty_period_days" numeric;
  ALTER TABLE "automation_runs" ADD COLUMN "occurrence_key" varchar;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "webhooks_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "webhook_deliveries_id" integer;
  ALTER TABLE "webhooks_events" ADD CONSTRAINT "webhooks_events_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."webhooks"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_webhook_id_webhooks_id_fk" FOREIGN KEY ("webhook_id") REFERENCES "public"."webhooks"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "webhooks_events_order_idx" ON "webhooks_events" USING btree ("order");
  CREATE INDEX "webhooks_events_parent_idx" ON "webhooks_events" USING btree ("parent_id");
  CREATE INDEX "webhooks_updated_at_idx" ON "webhooks" USING btree ("updated_at");
  CREATE INDEX "webhooks_created_at_idx" ON "webhooks" USING btree ("created_at");
  CREATE INDEX "webhook_deliveries_webhook_idx" ON "webhook_deliveries" USING btree ("webhook_id");
  CREATE UNIQUE INDEX "webhook_deliveries_delivery_key_idx" ON "webhook_deliveries" USING btree ("delivery_key");
  CREATE INDEX "webhook_deliveries_status_idx" ON "webhook_deliveries" USING btree ("status");
  CREATE INDEX "webhook_deliveries_updated_at_idx" ON "webhook_deliveries" USING btree ("updated_at");
  CREATE INDEX "webhook_deliveries_created_at_idx" ON "webhook_deliveries" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_webhooks_fk" FOREIGN KEY ("webhooks_id") REFERENCES "public"."webhooks"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_webhook_deliveries_fk" FOREIGN KEY ("webhook_deliveries_id") REFERENCES "public"."webhook_deliveries"("id") ON DELETE cascade ON UPDATE no action;
  CREATE UNIQUE INDEX "automation_runs_occurrence_key_idx" ON "automation_runs" USING btree ("occurrence_key");
  CREATE INDEX "payload_locked_documents_rels_webhooks_id_idx" ON "payload_locked_documents_rels" USING btree ("webhooks_id");
  CREATE INDEX "payload_locked_documents_rels_webhook_deliveries_id_idx" ON "payload_locked_documents_rels" USING btree ("webhook_deliveries_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "webhooks_events" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "webhooks" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "webhook_deliveries" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "webhooks_events" CASCADE;
  DROP TABLE "webhooks" CASCADE;
  DROP TABLE "webhook_deliveries" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_webhooks_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_webhook_deliveries_fk";
  
  ALTER TABLE "automations" ALTER COLUMN "trigger" SET DATA TYPE text;
  DROP TYPE "public"."enum_automations_trigger";
  CREATE TYPE "public"."enum_automations_trigger" AS ENUM('double_opt_in', 'stage_changed', 'first_purchase', 'segment_entry', 'birthday');
  ALTER TABLE "automations" ALTER COLUMN "trigger" SET DATA TYPE "public"."enum_automations_trigger" USING "trigger"::"public"."enum_automations_trigger";
  ALTER TABLE "audit_log" ALTER COLUMN "resource" SET DATA TYPE text;
  DROP TYPE "public"."enum_audit_log_resource";
  CREATE TYPE "public"."enum_audit_log_resource" AS ENUM('users', 'content-blocks', 'newsletters', 'landing-pages', 'personas', 'interests', 'lifecycle-stages', 'subscribers', 'topics', 'subscriber-imports', 'scoring-rules', 'stage-rules', 'segments', 'campaigns', 'automations', 'branding', 'contact-budget', 'lead-scoring-settings');
  ALTER TABLE "audit_log" ALTER COLUMN "resource" SET DATA TYPE "public"."enum_audit_log_resource" USING "resource"::"public"."enum_audit_log_resource";
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'subscriberImport', 'leadScoringStageWebhook', 'leadScoringImplicitInterests', 'leadScoringPurchaseRefit', 'campaignStart', 'campaignSend');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'subscriberImport', 'leadScoringStageWebhook', 'leadScoringImplicitInterests', 'leadScoringPurchaseRefit', 'campaignStart', 'campaignSend');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "automation_runs_occurrence_key_idx";
  DROP INDEX "payload_locked_documents_rels_webhooks_id_idx";
  DROP INDEX "payload_locked_documents_rels_webhook_deliveries_id_idx";
  ALTER TABLE "automations" DROP COLUMN "date_source";
  ALTER TABLE "automations" DROP COLUMN "date_attribute";
  ALTER TABLE "automations" DROP COLUMN "date_event";
  ALTER TABLE "automations" DROP COLUMN "date_property";
  ALTER TABLE "automations" DROP COLUMN "date_offset_days";
  ALTER TABLE "automations" DROP COLUMN "date_direction";
  ALTER TABLE "automations" DROP COLUMN "date_hour";
  ALTER TABLE "automations" DROP COLUMN "loyalty_moment";
  ALTER TABLE "automations" DROP COLUMN "loyalty_measure";
  ALTER TABLE "automations" DROP COLUMN "loyalty_threshold";
  ALTER TABLE "automations" DROP COLUMN "loyalty_currency";
  ALTER TABLE "automations" DROP COLUMN "loyalty_close_within";
  ALTER TABLE "automations" DROP COLUMN "loyalty_period_days";
  ALTER TABLE "automation_runs" DROP COLUMN "occurrence_key";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "webhooks_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "webhook_deliveries_id";
  DROP TYPE "public"."enum_webhooks_events";
  DROP TYPE "public"."enum_webhook_deliveries_event_type";
  DROP TYPE "public"."enum_webhook_deliveries_status";
  DROP TYPE "public"."enum_automations_date_source";
  DROP TYPE "public"."enum_automations_date_direction";
  DROP TYPE "public"."enum_automations_loyalty_moment";
  DROP TYPE "public"."enum_automations_loyalty_measure";`)
}
