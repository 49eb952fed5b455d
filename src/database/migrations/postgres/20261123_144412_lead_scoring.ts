// @ts-nocheck -- generated; drizzle-orm is installed twice, so its SQL types disagree
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_events_type" AS ENUM('bounce', 'custom', 'download', 'email_clicked', 'email_delivered', 'email_opened', 'email_sent', 'form_submitted', 'page_viewed', 'purchase', 'stage_changed', 'unsubscribe');
  CREATE TYPE "public"."enum_scoring_rules_filters_operator" AS ENUM('in', 'contains', 'gte', 'lte', 'exists');
  CREATE TYPE "public"."enum_scoring_rules_axis" AS ENUM('fit', 'engagement');
  CREATE TYPE "public"."enum_scoring_rules_kind" AS ENUM('event', 'attribute');
  CREATE TYPE "public"."enum_scoring_rules_event_type" AS ENUM('bounce', 'custom', 'download', 'email_clicked', 'email_delivered', 'email_opened', 'email_sent', 'form_submitted', 'page_viewed', 'purchase', 'unsubscribe');
  CREATE TYPE "public"."enum_scoring_rules_condition_operator" AS ENUM('in', 'contains', 'gte', 'lte', 'exists');
  CREATE TYPE "public"."enum_scoring_rules_cap_period" AS ENUM('day', 'week', 'month');
  CREATE TYPE "public"."enum_score_hits_axis" AS ENUM('fit', 'engagement');
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'leadScoringStageWebhook', 'leadScoringImplicitInterests');
  CREATE TYPE "public"."enum_payload_jobs_log_state" AS ENUM('failed', 'succeeded');
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'leadScoringStageWebhook', 'leadScoringImplicitInterests');
  CREATE TABLE "events" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"event_id" varchar NOT NULL,
  	"type" "enum_events_type" NOT NULL,
  	"subscriber_id" integer NOT NULL,
  	"occurred_at" timestamp(3) with time zone NOT NULL,
  	"block" varchar,
  	"properties" jsonb,
  	"source" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "scoring_rules_filters" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"attribute" varchar,
  	"operator" "enum_scoring_rules_filters_operator" DEFAULT 'in'
  );
  
  CREATE TABLE "scoring_rules" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"axis" "enum_scoring_rules_axis" DEFAULT 'engagement',
  	"kind" "enum_scoring_rules_kind" DEFAULT 'event' NOT NULL,
  	"points" numeric NOT NULL,
  	"active" boolean DEFAULT true,
  	"event_type" "enum_scoring_rules_event_type",
  	"condition_attribute" varchar,
  	"condition_operator" "enum_scoring_rules_condition_operator" DEFAULT 'in',
  	"cap_count" numeric,
  	"cap_period" "enum_scoring_rules_cap_period" DEFAULT 'week',
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "scoring_rules_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "stage_rules" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"to_stage_id" integer NOT NULL,
  	"active" boolean DEFAULT true,
  	"min_fit" numeric,
  	"min_engagement" numeric,
  	"min_total" numeric,
  	"min_days_without_engagement" numeric,
  	"max_days_without_engagement" numeric,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "stage_rules_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"lifecycle_stages_id" integer
  );
  
  CREATE TABLE "score_hits" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"subscriber_id" integer NOT NULL,
  	"rule" varchar NOT NULL,
  	"rule_name" varchar,
  	"axis" "enum_score_hits_axis" NOT NULL,
  	"points" numeric NOT NULL,
  	"occurred_at" timestamp(3) with time zone NOT NULL,
  	"period" varchar,
  	"event_id" varchar,
  	"event_type" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "lead_scores" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"subscriber_id" integer NOT NULL,
  	"fit_events" numeric DEFAULT 0,
  	"engagement_value" numeric DEFAULT 0,
  	"engagement_as_of" timestamp(3) with time zone,
  	"last_engaged_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_jobs_log" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"executed_at" timestamp(3) with time zone NOT NULL,
  	"completed_at" timestamp(3) with time zone NOT NULL,
  	"task_slug" "enum_payload_jobs_log_task_slug" NOT NULL,
  	"task_i_d" varchar NOT NULL,
  	"input" jsonb,
  	"output" jsonb,
  	"state" "enum_payload_jobs_log_state" NOT NULL,
  	"error" jsonb
  );
  
  CREATE TABLE "payload_jobs" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"input" jsonb,
  	"completed_at" timestamp(3) with time zone,
  	"total_tried" numeric DEFAULT 0,
  	"has_error" boolean DEFAULT false,
  	"error" jsonb,
  	"task_slug" "enum_payload_jobs_task_slug",
  	"queue" varchar DEFAULT 'default',
  	"wait_until" timestamp(3) with time zone,
  	"processing" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "lead_scoring_settings" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"half_life_days" numeric DEFAULT 30 NOT NULL,
  	"interest_half_life_days" numeric DEFAULT 30 NOT NULL,
  	"click_interest_weight" numeric DEFAULT 0.25 NOT NULL,
  	"primary_persona_min_fit" numeric DEFAULT 50 NOT NULL,
  	"stage_webhook_url" varchar,
  	"stage_webhook_secret" varchar,
  	"recompute_cursor" varchar,
  	"recompute_started_at" timestamp(3) with time zone,
  	"recompute_finished_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  
  ALTER TABLE "subscribers" ADD COLUMN "persona_locked" boolean DEFAULT false;
  ALTER TABLE "subscribers" ADD COLUMN "score_fit_attributes" numeric DEFAULT 0;
  ALTER TABLE "subscribers" ADD COLUMN "score_persona_fits" jsonb;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "events_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "scoring_rules_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "stage_rules_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "score_hits_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "lead_scores_id" integer;
  ALTER TABLE "events" ADD CONSTRAINT "events_subscriber_id_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."subscribers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "scoring_rules_filters" ADD CONSTRAINT "scoring_rules_filters_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."scoring_rules"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "scoring_rules_texts" ADD CONSTRAINT "scoring_rules_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."scoring_rules"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "stage_rules" ADD CONSTRAINT "stage_rules_to_stage_id_lifecycle_stages_id_fk" FOREIGN KEY ("to_stage_id") REFERENCES "public"."lifecycle_stages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "stage_rules_rels" ADD CONSTRAINT "stage_rules_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."stage_rules"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "stage_rules_rels" ADD CONSTRAINT "stage_rules_rels_lifecycle_stages_fk" FOREIGN KEY ("lifecycle_stages_id") REFERENCES "public"."lifecycle_stages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "score_hits" ADD CONSTRAINT "score_hits_subscriber_id_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."subscribers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "lead_scores" ADD CONSTRAINT "lead_scores_subscriber_id_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."subscribers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_jobs_log" ADD CONSTRAINT "payload_jobs_log_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."payload_jobs"("id") ON DELETE cascade ON UPDATE no action;
  CREATE UNIQUE INDEX "events_event_id_idx" ON "events" USING btree ("event_id");
  CREATE INDEX "events_subscriber_idx" ON "events" USING btree ("subscriber_id");
  CREATE INDEX "events_updated_at_idx" ON "events" USING btree ("updated_at");
  CREATE INDEX "events_created_at_idx" ON "events" USING btree ("created_at");
  CREATE INDEX "subscriber_type_occurredAt_idx" ON "events" USING btree ("subscriber_id","type","occurred_at");
  CREATE INDEX "scoring_rules_filters_order_idx" ON "scoring_rules_filters" USING btree ("_order");
  CREATE INDEX "scoring_rules_filters_parent_id_idx" ON "scoring_rules_filters" USING btree ("_parent_id");
  CREATE INDEX "scoring_rules_updated_at_idx" ON "scoring_rules" USING btree ("updated_at");
  CREATE INDEX "scoring_rules_created_at_idx" ON "scoring_rules" USING btree ("created_at");
  CREATE INDEX "scoring_rules_texts_order_parent" ON "scoring_rules_texts" USING btree ("order","parent_id");
  CREATE INDEX "stage_rules_to_stage_idx" ON "stage_rules" USING btree ("to_stage_id");
  CREATE INDEX "stage_rules_updated_at_idx" ON "stage_rules" USING btree ("updated_at");
  CREATE INDEX "stage_rules_created_at_idx" ON "stage_rules" USING btree ("created_at");
  CREATE INDEX "stage_rules_rels_order_idx" ON "stage_rules_rels" USING btree ("order");
  CREATE INDEX "stage_rules_rels_parent_idx" ON "stage_rules_rels" USING btree ("parent_id");
  CREATE INDEX "stage_rules_rels_path_idx" ON "stage_rules_rels" USING btree ("path");
  CREATE INDEX "stage_rules_rels_lifecycle_stages_id_idx" ON "stage_rules_rels" USING btree ("lifecycle_stages_id");
  CREATE INDEX "score_hits_subscriber_idx" ON "score_hits" USING btree ("subscriber_id");
  CREATE INDEX "score_hits_updated_at_idx" ON "score_hits" USING btree ("updated_at");
  CREATE INDEX "score_hits_created_at_idx" ON "score_hits" USING btree ("created_at");
  CREATE INDEX "subscriber_rule_period_idx" ON "score_hits" USING btree ("subscriber_id","rule","period");
  CREATE UNIQUE INDEX "lead_scores_subscriber_idx" ON "lead_scores" USING btree ("subscriber_id");
  CREATE INDEX "lead_scores_last_engaged_at_idx" ON "lead_scores" USING btree ("last_engaged_at");
  CREATE INDEX "lead_scores_updated_at_idx" ON "lead_scores" USING btree ("updated_at");
  CREATE INDEX "lead_scores_created_at_idx" ON "lead_scores" USING btree ("created_at");
  CREATE INDEX "payload_jobs_log_order_idx" ON "payload_jobs_log" USING btree ("_order");
  CREATE INDEX "payload_jobs_log_parent_id_idx" ON "payload_jobs_log" USING btree ("_parent_id");
  CREATE INDEX "payload_jobs_completed_at_idx" ON "payload_jobs" USING btree ("completed_at");
  CREATE INDEX "payload_jobs_total_tried_idx" ON "payload_jobs" USING btree ("total_tried");
  CREATE INDEX "payload_jobs_has_error_idx" ON "payload_jobs" USING btree ("has_error");
  CREATE INDEX "payload_jobs_task_slug_idx" ON "payload_jobs" USING btree ("task_slug");
  CREATE INDEX "payload_jobs_queue_idx" ON "payload_jobs" USING btree ("queue");
  CREATE INDEX "payload_jobs_wait_until_idx" ON "payload_jobs" USING btree ("wait_until");
  CREATE INDEX "payload_jobs_processing_idx" ON "payload_jobs" USING btree ("processing");
  CREATE INDEX "payload_jobs_updated_at_idx" ON "payload_jobs" USING btree ("updated_at");
  CREATE INDEX "payload_jobs_created_at_idx" ON "payload_jobs" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_events_fk" FOREIGN KEY ("events_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_scoring_rules_fk" FOREIGN KEY ("scoring_rules_id") REFERENCES "public"."scoring_rules"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_stage_rules_fk" FOREIGN KEY ("stage_rules_id") REFERENCES "public"."stage_rules"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_score_hits_fk" FOREIGN KEY ("score_hits_id") REFERENCES "public"."score_hits"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_lead_scores_fk" FOREIGN KEY ("lead_scores_id") REFERENCES "public"."lead_scores"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_events_id_idx" ON "payload_locked_documents_rels" USING btree ("events_id");
  CREATE INDEX "payload_locked_documents_rels_scoring_rules_id_idx" ON "payload_locked_documents_rels" USING btree ("scoring_rules_id");
  CREATE INDEX "payload_locked_documents_rels_stage_rules_id_idx" ON "payload_locked_documents_rels" USING btree ("stage_rules_id");
  CREATE INDEX "payload_locked_documents_rels_score_hits_id_idx" ON "payload_locked_documents_rels" USING btree ("score_hits_id");
  CREATE INDEX "payload_locked_documents_rels_lead_scores_id_idx" ON "payload_locked_documents_rels" USING btree ("lead_scores_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "events" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "scoring_rules_filters" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "scoring_rules" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "scoring_rules_texts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "stage_rules" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "stage_rules_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "score_hits" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "lead_scores" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payload_jobs_log" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payload_jobs" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "lead_scoring_settings" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "events" CASCADE;
  DROP TABLE "scoring_rules_filters" CASCADE;
  DROP TABLE "scoring_rules" CASCADE;
  DROP TABLE "scoring_rules_texts" CASCADE;
  DROP TABLE "stage_rules" CASCADE;
  DROP TABLE "stage_rules_rels" CASCADE;
  DROP TABLE "score_hits" CASCADE;
  DROP TABLE "lead_scores" CASCADE;
  DROP TABLE "payload_jobs_log" CASCADE;
  DROP TABLE "payload_jobs" CASCADE;
  DROP TABLE "lead_scoring_settings" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_events_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_scoring_rules_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_stage_rules_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_score_hits_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_lead_scores_fk";
  
  DROP INDEX "payload_locked_documents_rels_events_id_idx";
  DROP INDEX "payload_locked_documents_rels_scoring_rules_id_idx";
  DROP INDEX "payload_locked_documents_rels_stage_rules_id_idx";
  DROP INDEX "payload_locked_documents_rels_score_hits_id_idx";
  DROP INDEX "payload_locked_documents_rels_lead_scores_id_idx";
  ALTER TABLE "subscribers" DROP COLUMN "persona_locked";
  ALTER TABLE "subscribers" DROP COLUMN "score_fit_attributes";
  ALTER TABLE "subscribers" DROP COLUMN "score_persona_fits";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "events_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "scoring_rules_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "stage_rules_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "score_hits_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "lead_scores_id";
  DROP TYPE "public"."enum_events_type";
  DROP TYPE "public"."enum_scoring_rules_filters_operator";
  DROP TYPE "public"."enum_scoring_rules_axis";
  DROP TYPE "public"."enum_scoring_rules_kind";
  DROP TYPE "public"."enum_scoring_rules_event_type";
  DROP TYPE "public"."enum_scoring_rules_condition_operator";
  DROP TYPE "public"."enum_scoring_rules_cap_period";
  DROP TYPE "public"."enum_score_hits_axis";
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  DROP TYPE "public"."enum_payload_jobs_log_state";
  DROP TYPE "public"."enum_payload_jobs_task_slug";`)
}
