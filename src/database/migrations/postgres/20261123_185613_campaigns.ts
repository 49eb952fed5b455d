// @ts-nocheck -- generated; drizzle-orm is installed twice, so its SQL types disagree
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_campaigns_channel" AS ENUM('email', 'sms', 'push');
  CREATE TYPE "public"."enum_campaigns_status" AS ENUM('draft', 'scheduled', 'sending', 'paused', 'done', 'cancelled');
  CREATE TYPE "public"."enum_campaign_sends_state" AS ENUM('pending', 'sent', 'skipped', 'failed', 'cancelled');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'campaignStart';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'campaignSend';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'campaignStart';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'campaignSend';
  CREATE TABLE "campaigns" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"newsletter_id" integer NOT NULL,
  	"channel" "enum_campaigns_channel" DEFAULT 'email' NOT NULL,
  	"topic_id" integer,
  	"audience_id" integer,
  	"send_at" timestamp(3) with time zone,
  	"throttle_per_minute" numeric,
  	"important" boolean,
  	"status" "enum_campaigns_status" DEFAULT 'draft' NOT NULL,
  	"status_reason" varchar,
  	"frozen_audience_id" integer,
  	"started_at" timestamp(3) with time zone,
  	"finished_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "campaigns_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"segments_id" integer
  );
  
  CREATE TABLE "campaign_sends" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"campaign_id" integer NOT NULL,
  	"subscriber_id" integer NOT NULL,
  	"send_key" varchar NOT NULL,
  	"state" "enum_campaign_sends_state" DEFAULT 'pending' NOT NULL,
  	"reason" varchar,
  	"variant" varchar,
  	"claim" varchar,
  	"lease_until" timestamp(3) with time zone,
  	"attempts" numeric DEFAULT 0,
  	"next_attempt_at" timestamp(3) with time zone,
  	"sent_at" timestamp(3) with time zone,
  	"accepted_at" timestamp(3) with time zone,
  	"message_id" varchar,
  	"blocks" jsonb,
  	"event_recorded" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "campaigns_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "campaign_sends_id" integer;
  ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_newsletter_id_newsletters_id_fk" FOREIGN KEY ("newsletter_id") REFERENCES "public"."newsletters"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_audience_id_segments_id_fk" FOREIGN KEY ("audience_id") REFERENCES "public"."segments"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_frozen_audience_id_segments_id_fk" FOREIGN KEY ("frozen_audience_id") REFERENCES "public"."segments"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "campaigns_rels" ADD CONSTRAINT "campaigns_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "campaigns_rels" ADD CONSTRAINT "campaigns_rels_segments_fk" FOREIGN KEY ("segments_id") REFERENCES "public"."segments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "campaign_sends" ADD CONSTRAINT "campaign_sends_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "campaign_sends" ADD CONSTRAINT "campaign_sends_subscriber_id_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."subscribers"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "campaigns_newsletter_idx" ON "campaigns" USING btree ("newsletter_id");
  CREATE INDEX "campaigns_topic_idx" ON "campaigns" USING btree ("topic_id");
  CREATE INDEX "campaigns_audience_idx" ON "campaigns" USING btree ("audience_id");
  CREATE INDEX "campaigns_status_idx" ON "campaigns" USING btree ("status");
  CREATE INDEX "campaigns_frozen_audience_idx" ON "campaigns" USING btree ("frozen_audience_id");
  CREATE INDEX "campaigns_updated_at_idx" ON "campaigns" USING btree ("updated_at");
  CREATE INDEX "campaigns_created_at_idx" ON "campaigns" USING btree ("created_at");
  CREATE INDEX "campaigns_rels_order_idx" ON "campaigns_rels" USING btree ("order");
  CREATE INDEX "campaigns_rels_parent_idx" ON "campaigns_rels" USING btree ("parent_id");
  CREATE INDEX "campaigns_rels_path_idx" ON "campaigns_rels" USING btree ("path");
  CREATE INDEX "campaigns_rels_segments_id_idx" ON "campaigns_rels" USING btree ("segments_id");
  CREATE INDEX "campaign_sends_campaign_idx" ON "campaign_sends" USING btree ("campaign_id");
  CREATE INDEX "campaign_sends_subscriber_idx" ON "campaign_sends" USING btree ("subscriber_id");
  CREATE UNIQUE INDEX "campaign_sends_send_key_idx" ON "campaign_sends" USING btree ("send_key");
  CREATE INDEX "campaign_sends_message_id_idx" ON "campaign_sends" USING btree ("message_id");
  CREATE INDEX "campaign_sends_updated_at_idx" ON "campaign_sends" USING btree ("updated_at");
  CREATE INDEX "campaign_sends_created_at_idx" ON "campaign_sends" USING btree ("created_at");
  CREATE INDEX "campaign_state_idx" ON "campaign_sends" USING btree ("campaign_id","state");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_campaigns_fk" FOREIGN KEY ("campaigns_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_campaign_sends_fk" FOREIGN KEY ("campaign_sends_id") REFERENCES "public"."campaign_sends"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_campaigns_id_idx" ON "payload_locked_documents_rels" USING btree ("campaigns_id");
  CREATE INDEX "payload_locked_documents_rels_campaign_sends_id_idx" ON "payload_locked_documents_rels" USING btree ("campaign_sends_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "campaigns" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "campaigns_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "campaign_sends" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "campaigns" CASCADE;
  DROP TABLE "campaigns_rels" CASCADE;
  DROP TABLE "campaign_sends" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_campaigns_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_campaign_sends_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'leadScoringStageWebhook', 'leadScoringImplicitInterests');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'leadScoringStageWebhook', 'leadScoringImplicitInterests');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "payload_locked_documents_rels_campaigns_id_idx";
  DROP INDEX "payload_locked_documents_rels_campaign_sends_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "campaigns_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "campaign_sends_id";
  DROP TYPE "public"."enum_campaigns_channel";
  DROP TYPE "public"."enum_campaigns_status";
  DROP TYPE "public"."enum_campaign_sends_state";`)
}
