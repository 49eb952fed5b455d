// @ts-nocheck -- generated; drizzle-orm is installed twice, so its SQL types disagree
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_users_api_scopes" AS ENUM('events', 'subscribers', 'reports');
  CREATE TYPE "public"."enum_newsletters_recommendation_slots_strategy" AS ENUM('personal', 'alsoBought', 'trending', 'recentlyViewed');
  CREATE TYPE "public"."enum_landing_pages_recommendation_slots_strategy" AS ENUM('personal', 'alsoBought', 'trending', 'recentlyViewed');
  CREATE TYPE "public"."enum_visitor_events_type" AS ENUM('custom', 'link_clicked', 'page_viewed');
  CREATE TYPE "public"."enum_visitor_merges_via" AS ENUM('signup', 'link');
  CREATE TYPE "public"."enum_catalog_products_availability" AS ENUM('in_stock', 'preorder', 'out_of_stock');
  CREATE TYPE "public"."enum_catalog_products_locale" AS ENUM('de', 'en');
  CREATE TYPE "public"."enum_catalog_products_source" AS ENUM('manual', 'feed', 'shop');
  CREATE TYPE "public"."enum_subscriber_imports_status" AS ENUM('checked', 'queued', 'running', 'done', 'failed');
  CREATE TYPE "public"."enum_subscriber_imports_source_system" AS ENUM('mailchimp', 'cleverreach', 'brevo', 'other');
  CREATE TYPE "public"."enum_audit_log_action" AS ENUM('create', 'update', 'delete', 'approve', 'approvalRefused', 'approvalVoided');
  CREATE TYPE "public"."enum_audit_log_resource" AS ENUM('users', 'content-blocks', 'newsletters', 'landing-pages', 'personas', 'interests', 'lifecycle-stages', 'subscribers', 'topics', 'scoring-rules', 'stage-rules', 'segments', 'campaigns', 'automations', 'branding', 'contact-budget', 'lead-scoring-settings');
  ALTER TYPE "public"."enum_users_role" ADD VALUE 'approver';
  ALTER TYPE "public"."enum_users_role" ADD VALUE 'integration';
  ALTER TYPE "public"."enum_events_type" ADD VALUE 'link_clicked' BEFORE 'page_viewed';
  ALTER TYPE "public"."enum_scoring_rules_event_type" ADD VALUE 'link_clicked' BEFORE 'page_viewed';
  ALTER TYPE "public"."enum_purchase_models_status" ADD VALUE 'superseded';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'subscriberImport' BEFORE 'leadScoringStageWebhook';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'subscriberImport' BEFORE 'leadScoringStageWebhook';
  CREATE TABLE "users_api_scopes" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_users_api_scopes",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "newsletters_recommendation_slots" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"heading" varchar NOT NULL,
  	"strategy" "enum_newsletters_recommendation_slots_strategy" DEFAULT 'personal' NOT NULL,
  	"count" numeric DEFAULT 4 NOT NULL,
  	"button_label" varchar
  );
  
  CREATE TABLE "landing_pages_recommendation_slots" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"heading" varchar NOT NULL,
  	"strategy" "enum_landing_pages_recommendation_slots_strategy" DEFAULT 'personal' NOT NULL,
  	"count" numeric DEFAULT 4 NOT NULL,
  	"button_label" varchar
  );
  
  CREATE TABLE "interests_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "visitor_events" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"event_id" varchar NOT NULL,
  	"visitor" varchar NOT NULL,
  	"type" "enum_visitor_events_type" NOT NULL,
  	"occurred_at" timestamp(3) with time zone NOT NULL,
  	"url" varchar,
  	"block" varchar,
  	"properties" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "visitor_merges" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"visitor" varchar NOT NULL,
  	"subscriber_id" integer NOT NULL,
  	"via" "enum_visitor_merges_via" NOT NULL,
  	"merged_at" timestamp(3) with time zone NOT NULL,
  	"events" numeric,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "catalog_products" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"sku" varchar NOT NULL,
  	"price" numeric NOT NULL,
  	"currency" varchar DEFAULT 'EUR' NOT NULL,
  	"image_id" integer,
  	"image_url" varchar,
  	"url" varchar,
  	"availability" "enum_catalog_products_availability" DEFAULT 'in_stock' NOT NULL,
  	"promoted" boolean DEFAULT false,
  	"locale" "enum_catalog_products_locale",
  	"source" "enum_catalog_products_source" DEFAULT 'manual',
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "catalog_products_locales" (
  	"name" varchar NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" integer NOT NULL
  );
  
  CREATE TABLE "catalog_products_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"interests_id" integer
  );
  
  CREATE TABLE "subscriber_imports" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"require_double_opt_in" boolean DEFAULT true,
  	"mapping" jsonb,
  	"status" "enum_subscriber_imports_status" DEFAULT 'checked' NOT NULL,
  	"source_system" "enum_subscriber_imports_source_system",
  	"rows_done" numeric DEFAULT 0,
  	"detected" jsonb,
  	"dry_run" jsonb,
  	"result" jsonb,
  	"error" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"url" varchar,
  	"thumbnail_u_r_l" varchar,
  	"filename" varchar,
  	"mime_type" varchar,
  	"filesize" numeric,
  	"width" numeric,
  	"height" numeric,
  	"focal_x" numeric,
  	"focal_y" numeric
  );
  
  CREATE TABLE "subscriber_imports_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"topics_id" integer
  );
  
  CREATE TABLE "audit_log" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"at" timestamp(3) with time zone NOT NULL,
  	"user_id" integer,
  	"user_email" varchar,
  	"action" "enum_audit_log_action" NOT NULL,
  	"resource" "enum_audit_log_resource" NOT NULL,
  	"document_id" varchar,
  	"title" varchar,
  	"fields" varchar,
  	"changes" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  DROP INDEX "subscribers_prediction_prediction_repeat_purchases_idx";
  DROP INDEX "subscribers_prediction_prediction_recency_weeks_idx";
  DROP INDEX "subscribers_prediction_prediction_age_weeks_idx";
  ALTER TABLE "subscribers" ADD COLUMN "external_id" varchar;
  ALTER TABLE "campaigns" ADD COLUMN "approval_approved_by_id" integer;
  ALTER TABLE "campaigns" ADD COLUMN "approval_approved_at" timestamp(3) with time zone;
  ALTER TABLE "campaigns" ADD COLUMN "approval_recipients" numeric;
  ALTER TABLE "campaigns" ADD COLUMN "last_edited_by_id" integer;
  ALTER TABLE "automations" ADD COLUMN "approval_approved_by_id" integer;
  ALTER TABLE "automations" ADD COLUMN "approval_approved_at" timestamp(3) with time zone;
  ALTER TABLE "automations" ADD COLUMN "approval_recipients" numeric;
  ALTER TABLE "automations" ADD COLUMN "last_edited_by_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "visitor_events_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "visitor_merges_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "catalog_products_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "subscriber_imports_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "audit_log_id" integer;
  ALTER TABLE "users_api_scopes" ADD CONSTRAINT "users_api_scopes_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "newsletters_recommendation_slots" ADD CONSTRAINT "newsletters_recommendation_slots_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."newsletters"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "landing_pages_recommendation_slots" ADD CONSTRAINT "landing_pages_recommendation_slots_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."landing_pages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "interests_texts" ADD CONSTRAINT "interests_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."interests"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "visitor_merges" ADD CONSTRAINT "visitor_merges_subscriber_id_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."subscribers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "catalog_products" ADD CONSTRAINT "catalog_products_image_id_media_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "catalog_products_locales" ADD CONSTRAINT "catalog_products_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."catalog_products"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "catalog_products_rels" ADD CONSTRAINT "catalog_products_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."catalog_products"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "catalog_products_rels" ADD CONSTRAINT "catalog_products_rels_interests_fk" FOREIGN KEY ("interests_id") REFERENCES "public"."interests"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "subscriber_imports_rels" ADD CONSTRAINT "subscriber_imports_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."subscriber_imports"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "subscriber_imports_rels" ADD CONSTRAINT "subscriber_imports_rels_topics_fk" FOREIGN KEY ("topics_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "users_api_scopes_order_idx" ON "users_api_scopes" USING btree ("order");
  CREATE INDEX "users_api_scopes_parent_idx" ON "users_api_scopes" USING btree ("parent_id");
  CREATE INDEX "newsletters_recommendation_slots_order_idx" ON "newsletters_recommendation_slots" USING btree ("_order");
  CREATE INDEX "newsletters_recommendation_slots_parent_id_idx" ON "newsletters_recommendation_slots" USING btree ("_parent_id");
  CREATE INDEX "landing_pages_recommendation_slots_order_idx" ON "landing_pages_recommendation_slots" USING btree ("_order");
  CREATE INDEX "landing_pages_recommendation_slots_parent_id_idx" ON "landing_pages_recommendation_slots" USING btree ("_parent_id");
  CREATE INDEX "interests_texts_order_parent" ON "interests_texts" USING btree ("order","parent_id");
  CREATE UNIQUE INDEX "visitor_events_event_id_idx" ON "visitor_events" USING btree ("event_id");
  CREATE INDEX "visitor_events_visitor_idx" ON "visitor_events" USING btree ("visitor");
  CREATE INDEX "visitor_events_occurred_at_idx" ON "visitor_events" USING btree ("occurred_at");
  CREATE INDEX "visitor_events_updated_at_idx" ON "visitor_events" USING btree ("updated_at");
  CREATE INDEX "visitor_events_created_at_idx" ON "visitor_events" USING btree ("created_at");
  CREATE UNIQUE INDEX "visitor_merges_visitor_idx" ON "visitor_merges" USING btree ("visitor");
  CREATE INDEX "visitor_merges_subscriber_idx" ON "visitor_merges" USING btree ("subscriber_id");
  CREATE INDEX "visitor_merges_updated_at_idx" ON "visitor_merges" USING btree ("updated_at");
  CREATE INDEX "visitor_merges_created_at_idx" ON "visitor_merges" USING btree ("created_at");
  CREATE UNIQUE INDEX "catalog_products_sku_idx" ON "catalog_products" USING btree ("sku");
  CREATE INDEX "catalog_products_image_idx" ON "catalog_products" USING btree ("image_id");
  CREATE INDEX "catalog_products_availability_idx" ON "catalog_products" USING btree ("availability");
  CREATE INDEX "catalog_products_promoted_idx" ON "catalog_products" USING btree ("promoted");
  CREATE INDEX "catalog_products_updated_at_idx" ON "catalog_products" USING btree ("updated_at");
  CREATE INDEX "catalog_products_created_at_idx" ON "catalog_products" USING btree ("created_at");
  CREATE UNIQUE INDEX "catalog_products_locales_locale_parent_id_unique" ON "catalog_products_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "catalog_products_rels_order_idx" ON "catalog_products_rels" USING btree ("order");
  CREATE INDEX "catalog_products_rels_parent_idx" ON "catalog_products_rels" USING btree ("parent_id");
  CREATE INDEX "catalog_products_rels_path_idx" ON "catalog_products_rels" USING btree ("path");
  CREATE INDEX "catalog_products_rels_interests_id_idx" ON "catalog_products_rels" USING btree ("interests_id");
  CREATE INDEX "subscriber_imports_status_idx" ON "subscriber_imports" USING btree ("status");
  CREATE INDEX "subscriber_imports_updated_at_idx" ON "subscriber_imports" USING btree ("updated_at");
  CREATE INDEX "subscriber_imports_created_at_idx" ON "subscriber_imports" USING btree ("created_at");
  CREATE UNIQUE INDEX "subscriber_imports_filename_idx" ON "subscriber_imports" USING btree ("filename");
  CREATE INDEX "subscriber_imports_rels_order_idx" ON "subscriber_imports_rels" USING btree ("order");
  CREATE INDEX "subscriber_imports_rels_parent_idx" ON "subscriber_imports_rels" USING btree ("parent_id");
  CREATE INDEX "subscriber_imports_rels_path_idx" ON "subscriber_imports_rels" USING btree ("path");
  CREATE INDEX "subscriber_imports_rels_topics_id_idx" ON "subscriber_imports_rels" USING btree ("topics_id");
  CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");
  CREATE INDEX "audit_log_user_idx" ON "audit_log" USING btree ("user_id");
  CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action");
  CREATE INDEX "audit_log_resource_idx" ON "audit_log" USING btree ("resource");
  CREATE INDEX "audit_log_document_id_idx" ON "audit_log" USING btree ("document_id");
  CREATE INDEX "audit_log_updated_at_idx" ON "audit_log" USING btree ("updated_at");
  CREATE INDEX "audit_log_created_at_idx" ON "audit_log" USING btree ("created_at");
  ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_approval_approved_by_id_users_id_fk" FOREIGN KEY ("approval_approved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_last_edited_by_id_users_id_fk" FOREIGN KEY ("last_edited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "automations" ADD CONSTRAINT "automations_approval_approved_by_id_users_id_fk" FOREIGN KEY ("approval_approved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "automations" ADD CONSTRAINT "automations_last_edited_by_id_users_id_fk" FOREIGN KEY ("last_edited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_visitor_events_fk" FOREIGN KEY ("visitor_events_id") REFERENCES "public"."visitor_events"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_visitor_merges_fk" FOREIGN KEY ("visitor_merges_id") REFERENCES "public"."visitor_merges"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_catalog_products_fk" FOREIGN KEY ("catalog_products_id") REFERENCES "public"."catalog_products"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_subscriber_imports_fk" FOREIGN KEY ("subscriber_imports_id") REFERENCES "public"."subscriber_imports"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_audit_log_fk" FOREIGN KEY ("audit_log_id") REFERENCES "public"."audit_log"("id") ON DELETE cascade ON UPDATE no action;
  CREATE UNIQUE INDEX "subscribers_external_id_idx" ON "subscribers" USING btree ("external_id");
  CREATE INDEX "campaigns_approval_approval_approved_by_idx" ON "campaigns" USING btree ("approval_approved_by_id");
  CREATE INDEX "campaigns_last_edited_by_idx" ON "campaigns" USING btree ("last_edited_by_id");
  CREATE INDEX "automations_approval_approval_approved_by_idx" ON "automations" USING btree ("approval_approved_by_id");
  CREATE INDEX "automations_last_edited_by_idx" ON "automations" USING btree ("last_edited_by_id");
  CREATE INDEX "payload_locked_documents_rels_visitor_events_id_idx" ON "payload_locked_documents_rels" USING btree ("visitor_events_id");
  CREATE INDEX "payload_locked_documents_rels_visitor_merges_id_idx" ON "payload_locked_documents_rels" USING btree ("visitor_merges_id");
  CREATE INDEX "payload_locked_documents_rels_catalog_products_id_idx" ON "payload_locked_documents_rels" USING btree ("catalog_products_id");
  CREATE INDEX "payload_locked_documents_rels_subscriber_imports_id_idx" ON "payload_locked_documents_rels" USING btree ("subscriber_imports_id");
  CREATE INDEX "payload_locked_documents_rels_audit_log_id_idx" ON "payload_locked_documents_rels" USING btree ("audit_log_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "users_api_scopes" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "newsletters_recommendation_slots" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "landing_pages_recommendation_slots" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "interests_texts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "visitor_events" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "visitor_merges" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "catalog_products" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "catalog_products_locales" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "catalog_products_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "subscriber_imports" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "subscriber_imports_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "audit_log" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "users_api_scopes" CASCADE;
  DROP TABLE "newsletters_recommendation_slots" CASCADE;
  DROP TABLE "landing_pages_recommendation_slots" CASCADE;
  DROP TABLE "interests_texts" CASCADE;
  DROP TABLE "visitor_events" CASCADE;
  DROP TABLE "visitor_merges" CASCADE;
  DROP TABLE "catalog_products" CASCADE;
  DROP TABLE "catalog_products_locales" CASCADE;
  DROP TABLE "catalog_products_rels" CASCADE;
  DROP TABLE "subscriber_imports" CASCADE;
  DROP TABLE "subscriber_imports_rels" CASCADE;
  DROP TABLE "audit_log" CASCADE;
  ALTER TABLE "campaigns" DROP CONSTRAINT "campaigns_approval_approved_by_id_users_id_fk";
  
  ALTER TABLE "campaigns" DROP CONSTRAINT "campaigns_last_edited_by_id_users_id_fk";
  
  ALTER TABLE "automations" DROP CONSTRAINT "automations_approval_approved_by_id_users_id_fk";
  
  ALTER TABLE "automations" DROP CONSTRAINT "automations_last_edited_by_id_users_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_visitor_events_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_visitor_merges_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_catalog_products_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_subscriber_imports_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_audit_log_fk";
  
  ALTER TABLE "users" ALTER COLUMN "role" SET DATA TYPE text;
  ALTER TABLE "users" ALTER COLUMN "role" SET DEFAULT 'editor'::text;
  DROP TYPE "public"."enum_users_role";
  CREATE TYPE "public"."enum_users_role" AS ENUM('admin', 'editor');
  ALTER TABLE "users" ALTER COLUMN "role" SET DEFAULT 'editor'::"public"."enum_users_role";
  ALTER TABLE "users" ALTER COLUMN "role" SET DATA TYPE "public"."enum_users_role" USING "role"::"public"."enum_users_role";
  ALTER TABLE "events" ALTER COLUMN "type" SET DATA TYPE text;
  DROP TYPE "public"."enum_events_type";
  CREATE TYPE "public"."enum_events_type" AS ENUM('bounce', 'custom', 'download', 'email_clicked', 'email_delivered', 'email_opened', 'email_sent', 'form_submitted', 'page_viewed', 'purchase', 'stage_changed', 'unsubscribe');
  ALTER TABLE "events" ALTER COLUMN "type" SET DATA TYPE "public"."enum_events_type" USING "type"::"public"."enum_events_type";
  ALTER TABLE "scoring_rules" ALTER COLUMN "event_type" SET DATA TYPE text;
  DROP TYPE "public"."enum_scoring_rules_event_type";
  CREATE TYPE "public"."enum_scoring_rules_event_type" AS ENUM('bounce', 'custom', 'download', 'email_clicked', 'email_delivered', 'email_opened', 'email_sent', 'form_submitted', 'page_viewed', 'purchase', 'unsubscribe');
  ALTER TABLE "scoring_rules" ALTER COLUMN "event_type" SET DATA TYPE "public"."enum_scoring_rules_event_type" USING "event_type"::"public"."enum_scoring_rules_event_type";
  ALTER TABLE "purchase_models" ALTER COLUMN "status" SET DATA TYPE text;
  DROP TYPE "public"."enum_purchase_models_status";
  CREATE TYPE "public"."enum_purchase_models_status" AS ENUM('scoring', 'active');
  ALTER TABLE "purchase_models" ALTER COLUMN "status" SET DATA TYPE "public"."enum_purchase_models_status" USING "status"::"public"."enum_purchase_models_status";
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'leadScoringStageWebhook', 'leadScoringImplicitInterests', 'leadScoringPurchaseRefit', 'campaignStart', 'campaignSend');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'leadScoringStageWebhook', 'leadScoringImplicitInterests', 'leadScoringPurchaseRefit', 'campaignStart', 'campaignSend');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "subscribers_external_id_idx";
  DROP INDEX "campaigns_approval_approval_approved_by_idx";
  DROP INDEX "campaigns_last_edited_by_idx";
  DROP INDEX "automations_approval_approval_approved_by_idx";
  DROP INDEX "automations_last_edited_by_idx";
  DROP INDEX "payload_locked_documents_rels_visitor_events_id_idx";
  DROP INDEX "payload_locked_documents_rels_visitor_merges_id_idx";
  DROP INDEX "payload_locked_documents_rels_catalog_products_id_idx";
  DROP INDEX "payload_locked_documents_rels_subscriber_imports_id_idx";
  DROP INDEX "payload_locked_documents_rels_audit_log_id_idx";
  CREATE INDEX "subscribers_prediction_prediction_repeat_purchases_idx" ON "subscribers" USING btree ("prediction_repeat_purchases");
  CREATE INDEX "subscribers_prediction_prediction_recency_weeks_idx" ON "subscribers" USING btree ("prediction_recency_weeks");
  CREATE INDEX "subscribers_prediction_prediction_age_weeks_idx" ON "subscribers" USING btree ("prediction_age_weeks");
  ALTER TABLE "subscribers" DROP COLUMN "external_id";
  ALTER TABLE "campaigns" DROP COLUMN "approval_approved_by_id";
  ALTER TABLE "campaigns" DROP COLUMN "approval_approved_at";
  ALTER TABLE "campaigns" DROP COLUMN "approval_recipients";
  ALTER TABLE "campaigns" DROP COLUMN "last_edited_by_id";
  ALTER TABLE "automations" DROP COLUMN "approval_approved_by_id";
  ALTER TABLE "automations" DROP COLUMN "approval_approved_at";
  ALTER TABLE "automations" DROP COLUMN "approval_recipients";
  ALTER TABLE "automations" DROP COLUMN "last_edited_by_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "visitor_events_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "visitor_merges_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "catalog_products_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "subscriber_imports_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "audit_log_id";
  DROP TYPE "public"."enum_users_api_scopes";
  DROP TYPE "public"."enum_newsletters_recommendation_slots_strategy";
  DROP TYPE "public"."enum_landing_pages_recommendation_slots_strategy";
  DROP TYPE "public"."enum_visitor_events_type";
  DROP TYPE "public"."enum_visitor_merges_via";
  DROP TYPE "public"."enum_catalog_products_availability";
  DROP TYPE "public"."enum_catalog_products_locale";
  DROP TYPE "public"."enum_catalog_products_source";
  DROP TYPE "public"."enum_subscriber_imports_status";
  DROP TYPE "public"."enum_subscriber_imports_source_system";
  DROP TYPE "public"."enum_audit_log_action";
  DROP TYPE "public"."enum_audit_log_resource";`)
}
