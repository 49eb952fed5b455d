// @ts-nocheck -- generated; drizzle-orm is installed twice, so its SQL types disagree
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_purchase_models_status" AS ENUM('scoring', 'active');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'leadScoringPurchaseRefit' BEFORE 'campaignStart';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'leadScoringPurchaseRefit' BEFORE 'campaignStart';
  CREATE TABLE "purchase_models" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"fitted_at" timestamp(3) with time zone NOT NULL,
  	"status" "enum_purchase_models_status" NOT NULL,
  	"window_start" timestamp(3) with time zone NOT NULL,
  	"window_end" timestamp(3) with time zone NOT NULL,
  	"horizon_days" numeric,
  	"customers" numeric,
  	"repeat_customers" numeric,
  	"transactions" numeric,
  	"log_likelihood" numeric,
  	"parameters_r" numeric NOT NULL,
  	"parameters_alpha" numeric NOT NULL,
  	"parameters_a" numeric NOT NULL,
  	"parameters_b" numeric NOT NULL,
  	"spend_p" numeric,
  	"spend_q" numeric,
  	"spend_gamma" numeric,
  	"spend_customers" numeric,
  	"scored_subscribers" numeric,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_jobs_stats" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"stats" jsonb,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  
  ALTER TABLE "subscribers" ADD COLUMN "prediction_probability_alive" numeric;
  ALTER TABLE "subscribers" ADD COLUMN "prediction_expected_purchases" numeric;
  ALTER TABLE "subscribers" ADD COLUMN "prediction_expected_value" numeric;
  ALTER TABLE "subscribers" ADD COLUMN "prediction_repeat_purchases" numeric;
  ALTER TABLE "subscribers" ADD COLUMN "prediction_recency_weeks" numeric;
  ALTER TABLE "subscribers" ADD COLUMN "prediction_age_weeks" numeric;
  ALTER TABLE "subscribers" ADD COLUMN "prediction_model_id" integer;
  ALTER TABLE "subscribers" ADD COLUMN "prediction_scored_at" timestamp(3) with time zone;
  ALTER TABLE "payload_jobs" ADD COLUMN "meta" jsonb;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "purchase_models_id" integer;
  CREATE INDEX "purchase_models_fitted_at_idx" ON "purchase_models" USING btree ("fitted_at");
  CREATE INDEX "purchase_models_status_idx" ON "purchase_models" USING btree ("status");
  CREATE INDEX "purchase_models_updated_at_idx" ON "purchase_models" USING btree ("updated_at");
  CREATE INDEX "purchase_models_created_at_idx" ON "purchase_models" USING btree ("created_at");
  ALTER TABLE "subscribers" ADD CONSTRAINT "subscribers_prediction_model_id_purchase_models_id_fk" FOREIGN KEY ("prediction_model_id") REFERENCES "public"."purchase_models"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_purchase_models_fk" FOREIGN KEY ("purchase_models_id") REFERENCES "public"."purchase_models"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "subscribers_prediction_prediction_probability_alive_idx" ON "subscribers" USING btree ("prediction_probability_alive");
  CREATE INDEX "subscribers_prediction_prediction_expected_purchases_idx" ON "subscribers" USING btree ("prediction_expected_purchases");
  CREATE INDEX "subscribers_prediction_prediction_expected_value_idx" ON "subscribers" USING btree ("prediction_expected_value");
  CREATE INDEX "subscribers_prediction_prediction_repeat_purchases_idx" ON "subscribers" USING btree ("prediction_repeat_purchases");
  CREATE INDEX "subscribers_prediction_prediction_recency_weeks_idx" ON "subscribers" USING btree ("prediction_recency_weeks");
  CREATE INDEX "subscribers_prediction_prediction_age_weeks_idx" ON "subscribers" USING btree ("prediction_age_weeks");
  CREATE INDEX "subscribers_prediction_prediction_model_idx" ON "subscribers" USING btree ("prediction_model_id");
  CREATE INDEX "payload_locked_documents_rels_purchase_models_id_idx" ON "payload_locked_documents_rels" USING btree ("purchase_models_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "purchase_models" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "payload_jobs_stats" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "purchase_models" CASCADE;
  DROP TABLE "payload_jobs_stats" CASCADE;
  ALTER TABLE "subscribers" DROP CONSTRAINT "subscribers_prediction_model_id_purchase_models_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_purchase_models_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'leadScoringStageWebhook', 'leadScoringImplicitInterests', 'campaignStart', 'campaignSend');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'leadScoringStageWebhook', 'leadScoringImplicitInterests', 'campaignStart', 'campaignSend');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "subscribers_prediction_prediction_probability_alive_idx";
  DROP INDEX "subscribers_prediction_prediction_expected_purchases_idx";
  DROP INDEX "subscribers_prediction_prediction_expected_value_idx";
  DROP INDEX "subscribers_prediction_prediction_repeat_purchases_idx";
  DROP INDEX "subscribers_prediction_prediction_recency_weeks_idx";
  DROP INDEX "subscribers_prediction_prediction_age_weeks_idx";
  DROP INDEX "subscribers_prediction_prediction_model_idx";
  DROP INDEX "payload_locked_documents_rels_purchase_models_id_idx";
  ALTER TABLE "subscribers" DROP COLUMN "prediction_probability_alive";
  ALTER TABLE "subscribers" DROP COLUMN "prediction_expected_purchases";
  ALTER TABLE "subscribers" DROP COLUMN "prediction_expected_value";
  ALTER TABLE "subscribers" DROP COLUMN "prediction_repeat_purchases";
  ALTER TABLE "subscribers" DROP COLUMN "prediction_recency_weeks";
  ALTER TABLE "subscribers" DROP COLUMN "prediction_age_weeks";
  ALTER TABLE "subscribers" DROP COLUMN "prediction_model_id";
  ALTER TABLE "subscribers" DROP COLUMN "prediction_scored_at";
  ALTER TABLE "payload_jobs" DROP COLUMN "meta";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "purchase_models_id";
  DROP TYPE "public"."enum_purchase_models_status";`)
}
