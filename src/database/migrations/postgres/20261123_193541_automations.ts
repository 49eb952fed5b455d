// @ts-nocheck -- generated; drizzle-orm is installed twice, so its SQL types disagree
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_automations_steps_type" AS ENUM('wait', 'send', 'check', 'exit');
  CREATE TYPE "public"."enum_automations_steps_expect" AS ENUM('member', 'not_member');
  CREATE TYPE "public"."enum_automations_trigger" AS ENUM('double_opt_in', 'stage_changed', 'first_purchase', 'segment_entry', 'birthday');
  CREATE TYPE "public"."enum_automation_runs_state" AS ENUM('active', 'done', 'exited');
  CREATE TABLE "automations_steps" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"type" "enum_automations_steps_type" NOT NULL,
  	"days" numeric,
  	"newsletter_id" integer,
  	"segment_id" integer,
  	"expect" "enum_automations_steps_expect" DEFAULT 'member'
  );
  
  CREATE TABLE "automations" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"trigger" "enum_automations_trigger" NOT NULL,
  	"active" boolean DEFAULT false,
  	"topic_id" integer,
  	"stage_id" integer,
  	"segment_id" integer,
  	"birthday_attribute" varchar DEFAULT 'birthday',
  	"reentry_days" numeric DEFAULT 90,
  	"counts_toward_caps" boolean DEFAULT false,
  	"exit_on_engagement" boolean,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "automation_runs" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"automation_id" integer NOT NULL,
  	"subscriber_id" integer NOT NULL,
  	"run_key" varchar NOT NULL,
  	"state" "enum_automation_runs_state" DEFAULT 'active' NOT NULL,
  	"step" numeric DEFAULT 0,
  	"next_at" timestamp(3) with time zone,
  	"entered_because" varchar,
  	"exit_reason" varchar,
  	"claim" varchar,
  	"lease_until" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "campaigns" ADD COLUMN "automation_id" integer;
  ALTER TABLE "campaigns" ADD COLUMN "automation_step" varchar;
  ALTER TABLE "campaigns" ADD COLUMN "exempt_from_caps" boolean;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "automations_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "automation_runs_id" integer;
  ALTER TABLE "automations_steps" ADD CONSTRAINT "automations_steps_newsletter_id_newsletters_id_fk" FOREIGN KEY ("newsletter_id") REFERENCES "public"."newsletters"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "automations_steps" ADD CONSTRAINT "automations_steps_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "automations_steps" ADD CONSTRAINT "automations_steps_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."automations"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "automations" ADD CONSTRAINT "automations_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "automations" ADD CONSTRAINT "automations_stage_id_lifecycle_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."lifecycle_stages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "automations" ADD CONSTRAINT "automations_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "automation_runs" ADD CONSTRAINT "automation_runs_automation_id_automations_id_fk" FOREIGN KEY ("automation_id") REFERENCES "public"."automations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "automation_runs" ADD CONSTRAINT "automation_runs_subscriber_id_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."subscribers"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "automations_steps_order_idx" ON "automations_steps" USING btree ("_order");
  CREATE INDEX "automations_steps_parent_id_idx" ON "automations_steps" USING btree ("_parent_id");
  CREATE INDEX "automations_steps_newsletter_idx" ON "automations_steps" USING btree ("newsletter_id");
  CREATE INDEX "automations_steps_segment_idx" ON "automations_steps" USING btree ("segment_id");
  CREATE INDEX "automations_topic_idx" ON "automations" USING btree ("topic_id");
  CREATE INDEX "automations_stage_idx" ON "automations" USING btree ("stage_id");
  CREATE INDEX "automations_segment_idx" ON "automations" USING btree ("segment_id");
  CREATE INDEX "automations_updated_at_idx" ON "automations" USING btree ("updated_at");
  CREATE INDEX "automations_created_at_idx" ON "automations" USING btree ("created_at");
  CREATE INDEX "automation_runs_automation_idx" ON "automation_runs" USING btree ("automation_id");
  CREATE INDEX "automation_runs_subscriber_idx" ON "automation_runs" USING btree ("subscriber_id");
  CREATE UNIQUE INDEX "automation_runs_run_key_idx" ON "automation_runs" USING btree ("run_key");
  CREATE INDEX "automation_runs_next_at_idx" ON "automation_runs" USING btree ("next_at");
  CREATE INDEX "automation_runs_updated_at_idx" ON "automation_runs" USING btree ("updated_at");
  CREATE INDEX "automation_runs_created_at_idx" ON "automation_runs" USING btree ("created_at");
  CREATE INDEX "state_nextAt_idx" ON "automation_runs" USING btree ("state","next_at");
  ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_automation_id_automations_id_fk" FOREIGN KEY ("automation_id") REFERENCES "public"."automations"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_automations_fk" FOREIGN KEY ("automations_id") REFERENCES "public"."automations"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_automation_runs_fk" FOREIGN KEY ("automation_runs_id") REFERENCES "public"."automation_runs"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "campaigns_automation_idx" ON "campaigns" USING btree ("automation_id");
  CREATE INDEX "payload_locked_documents_rels_automations_id_idx" ON "payload_locked_documents_rels" USING btree ("automations_id");
  CREATE INDEX "payload_locked_documents_rels_automation_runs_id_idx" ON "payload_locked_documents_rels" USING btree ("automation_runs_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "automations_steps" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "automations" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "automation_runs" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "automations_steps" CASCADE;
  DROP TABLE "automations" CASCADE;
  DROP TABLE "automation_runs" CASCADE;
  ALTER TABLE "campaigns" DROP CONSTRAINT "campaigns_automation_id_automations_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_automations_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_automation_runs_fk";
  
  DROP INDEX "campaigns_automation_idx";
  DROP INDEX "payload_locked_documents_rels_automations_id_idx";
  DROP INDEX "payload_locked_documents_rels_automation_runs_id_idx";
  ALTER TABLE "campaigns" DROP COLUMN "automation_id";
  ALTER TABLE "campaigns" DROP COLUMN "automation_step";
  ALTER TABLE "campaigns" DROP COLUMN "exempt_from_caps";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "automations_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "automation_runs_id";
  DROP TYPE "public"."enum_automations_steps_type";
  DROP TYPE "public"."enum_automations_steps_expect";
  DROP TYPE "public"."enum_automations_trigger";
  DROP TYPE "public"."enum_automation_runs_state";`)
}
