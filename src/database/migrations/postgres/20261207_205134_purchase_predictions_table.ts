// @ts-nocheck -- generated; drizzle-orm is installed twice, so its SQL types disagree
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "purchase_predictions" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"subscriber_id" integer,
  	"model_id" integer,
  	"probability_alive" numeric,
  	"expected_purchases" numeric,
  	"expected_value" numeric,
  	"repeat_purchases" numeric,
  	"recency_weeks" numeric,
  	"age_weeks" numeric
  );
  
  ALTER TABLE "subscribers" DROP CONSTRAINT "subscribers_prediction_model_id_purchase_models_id_fk";
  
  DROP INDEX "subscribers_prediction_prediction_model_idx";
  ALTER TABLE "purchase_predictions" ADD CONSTRAINT "purchase_predictions_subscriber_id_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."subscribers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "purchase_predictions" ADD CONSTRAINT "purchase_predictions_model_id_purchase_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."purchase_models"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "purchase_predictions_subscriber_idx" ON "purchase_predictions" USING btree ("subscriber_id");
  CREATE INDEX "purchase_predictions_model_idx" ON "purchase_predictions" USING btree ("model_id");
  CREATE UNIQUE INDEX "model_subscriber_idx" ON "purchase_predictions" USING btree ("model_id","subscriber_id");
  -- The predictions move off the subscriber rows (kept, not refitted): every scored buyer's row under its model.
  INSERT INTO "purchase_predictions" (subscriber_id, model_id, probability_alive, expected_purchases, expected_value, repeat_purchases, recency_weeks, age_weeks) SELECT id, prediction_model_id, prediction_probability_alive, prediction_expected_purchases, prediction_expected_value, prediction_repeat_purchases, prediction_recency_weeks, prediction_age_weeks FROM "subscribers" WHERE prediction_model_id IS NOT NULL AND prediction_probability_alive IS NOT NULL;
  ALTER TABLE "subscribers" DROP COLUMN "prediction_probability_alive";
  ALTER TABLE "subscribers" DROP COLUMN "prediction_expected_purchases";
  ALTER TABLE "subscribers" DROP COLUMN "prediction_expected_value";
  ALTER TABLE "subscribers" DROP COLUMN "prediction_repeat_purchases";
  ALTER TABLE "subscribers" DROP COLUMN "prediction_recency_weeks";
  ALTER TABLE "subscribers" DROP COLUMN "prediction_age_weeks";
  ALTER TABLE "subscribers" DROP COLUMN "prediction_model_id";
  ALTER TABLE "subscribers" DROP COLUMN "prediction_scored_at";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "purchase_predictions" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "purchase_predictions" CASCADE;
  ALTER TABLE "subscribers" ADD COLUMN "prediction_probability_alive" numeric;
  ALTER TABLE "subscribers" ADD COLUMN "prediction_expected_purchases" numeric;
  ALTER TABLE "subscribers" ADD COLUMN "prediction_expected_value" numeric;
  ALTER TABLE "subscribers" ADD COLUMN "prediction_repeat_purchases" numeric;
  ALTER TABLE "subscribers" ADD COLUMN "prediction_recency_weeks" numeric;
  ALTER TABLE "subscribers" ADD COLUMN "prediction_age_weeks" numeric;
  ALTER TABLE "subscribers" ADD COLUMN "prediction_model_id" integer;
  ALTER TABLE "subscribers" ADD COLUMN "prediction_scored_at" timestamp(3) with time zone;
  ALTER TABLE "subscribers" ADD CONSTRAINT "subscribers_prediction_model_id_purchase_models_id_fk" FOREIGN KEY ("prediction_model_id") REFERENCES "public"."purchase_models"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "subscribers_prediction_prediction_model_idx" ON "subscribers" USING btree ("prediction_model_id");`)
}
