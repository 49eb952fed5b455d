// @ts-nocheck -- generated; drizzle-orm is installed twice, so its SQL types disagree
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

import { automationStepPrioritiesPostgres } from '../../dataMigrations/automationStepPriorities'
import { purchasesToEventsPostgres } from '../../dataMigrations/purchasesToEvents'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  // Stored purchases become purchase events before their table goes (issue 15: events are the one source).
  await purchasesToEventsPostgres(db)
  await db.execute(sql`
   CREATE TYPE "public"."enum_newsletters_translations_locale" AS ENUM('en');
  CREATE TYPE "public"."enum_newsletters_slots_match" AS ENUM('all', 'interestsOrRegion');
  CREATE TYPE "public"."enum_landing_pages_slots_match" AS ENUM('all', 'interestsOrRegion');
  CREATE TYPE "public"."enum_conversions_kind" AS ENUM('download', 'form');
  CREATE TYPE "public"."enum_campaigns_priority" AS ENUM('low', 'normal', 'high');
  CREATE TYPE "public"."enum_automations_priority" AS ENUM('low', 'normal', 'high');
  ALTER TYPE "public"."enum_subscribers_locale" ADD VALUE 'de-DE' BEFORE 'en';
  ALTER TYPE "public"."enum_subscribers_locale" ADD VALUE 'de-AT' BEFORE 'en';
  ALTER TYPE "public"."enum_subscribers_locale" ADD VALUE 'de-CH' BEFORE 'en';
  ALTER TYPE "public"."enum_subscribers_locale" ADD VALUE 'de-LI' BEFORE 'en';
  ALTER TYPE "public"."enum_subscribers_locale" ADD VALUE 'de-LU' BEFORE 'en';
  ALTER TYPE "public"."enum_subscribers_locale" ADD VALUE 'en-GB';
  ALTER TYPE "public"."enum_subscribers_locale" ADD VALUE 'en-US';
  ALTER TYPE "public"."enum_subscribers_locale" ADD VALUE 'en-IE';
  ALTER TYPE "public"."enum_subscribers_locale" ADD VALUE 'en-CA';
  ALTER TYPE "public"."enum_subscribers_locale" ADD VALUE 'en-AU';
  CREATE TABLE "newsletters_translations" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"locale" "enum_newsletters_translations_locale" NOT NULL,
  	"subject" varchar NOT NULL,
  	"preheader" varchar
  );
  
  CREATE TABLE "regions" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"code" varchar NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "conversions" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"key" varchar NOT NULL,
  	"kind" "enum_conversions_kind" DEFAULT 'download' NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "contact_budget" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"email_per_day" numeric DEFAULT 1 NOT NULL,
  	"email_per_week" numeric DEFAULT 3 NOT NULL,
  	"sms_per_day" numeric DEFAULT 1 NOT NULL,
  	"sms_per_week" numeric DEFAULT 3 NOT NULL,
  	"push_per_day" numeric DEFAULT 1 NOT NULL,
  	"push_per_week" numeric DEFAULT 3 NOT NULL,
  	"quiet_hours_from" varchar DEFAULT '20:00' NOT NULL,
  	"quiet_hours_until" varchar DEFAULT '08:00' NOT NULL,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  
  ALTER TABLE "subscribers_purchases" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "subscribers_purchases" CASCADE;
  ALTER TABLE "content_blocks" ADD COLUMN "converts_on_id" integer;
  ALTER TABLE "content_blocks" ADD COLUMN "conversion_window_days" numeric;
  ALTER TABLE "content_blocks_rels" ADD COLUMN "regions_id" integer;
  ALTER TABLE "_content_blocks_v" ADD COLUMN "version_converts_on_id" integer;
  ALTER TABLE "_content_blocks_v" ADD COLUMN "version_conversion_window_days" numeric;
  ALTER TABLE "_content_blocks_v_rels" ADD COLUMN "regions_id" integer;
  ALTER TABLE "newsletters_slots" ADD COLUMN "match" "enum_newsletters_slots_match" DEFAULT 'all';
  ALTER TABLE "landing_pages_slots" ADD COLUMN "match" "enum_landing_pages_slots_match" DEFAULT 'all';
  ALTER TABLE "campaigns" ADD COLUMN "priority" "enum_campaigns_priority" DEFAULT 'normal' NOT NULL;
  ALTER TABLE "automations" ADD COLUMN "priority" "enum_automations_priority" DEFAULT 'high' NOT NULL;
  ALTER TABLE "automations" ADD COLUMN "cooldown_minutes" numeric DEFAULT 30;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "regions_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "conversions_id" integer;
  ALTER TABLE "newsletters_translations" ADD CONSTRAINT "newsletters_translations_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."newsletters"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "newsletters_translations_order_idx" ON "newsletters_translations" USING btree ("_order");
  CREATE INDEX "newsletters_translations_parent_id_idx" ON "newsletters_translations" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "regions_code_idx" ON "regions" USING btree ("code");
  CREATE INDEX "regions_updated_at_idx" ON "regions" USING btree ("updated_at");
  CREATE INDEX "regions_created_at_idx" ON "regions" USING btree ("created_at");
  CREATE UNIQUE INDEX "conversions_key_idx" ON "conversions" USING btree ("key");
  CREATE INDEX "conversions_updated_at_idx" ON "conversions" USING btree ("updated_at");
  CREATE INDEX "conversions_created_at_idx" ON "conversions" USING btree ("created_at");
  ALTER TABLE "content_blocks" ADD CONSTRAINT "content_blocks_converts_on_id_conversions_id_fk" FOREIGN KEY ("converts_on_id") REFERENCES "public"."conversions"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "content_blocks_rels" ADD CONSTRAINT "content_blocks_rels_regions_fk" FOREIGN KEY ("regions_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_content_blocks_v" ADD CONSTRAINT "_content_blocks_v_version_converts_on_id_conversions_id_fk" FOREIGN KEY ("version_converts_on_id") REFERENCES "public"."conversions"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_content_blocks_v_rels" ADD CONSTRAINT "_content_blocks_v_rels_regions_fk" FOREIGN KEY ("regions_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_regions_fk" FOREIGN KEY ("regions_id") REFERENCES "public"."regions"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_conversions_fk" FOREIGN KEY ("conversions_id") REFERENCES "public"."conversions"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "content_blocks_converts_on_idx" ON "content_blocks" USING btree ("converts_on_id");
  CREATE INDEX "content_blocks_rels_regions_id_idx" ON "content_blocks_rels" USING btree ("regions_id");
  CREATE INDEX "_content_blocks_v_version_version_converts_on_idx" ON "_content_blocks_v" USING btree ("version_converts_on_id");
  CREATE INDEX "_content_blocks_v_rels_regions_id_idx" ON "_content_blocks_v_rels" USING btree ("regions_id");
  CREATE INDEX "payload_locked_documents_rels_regions_id_idx" ON "payload_locked_documents_rels" USING btree ("regions_id");
  CREATE INDEX "payload_locked_documents_rels_conversions_id_idx" ON "payload_locked_documents_rels" USING btree ("conversions_id");
  ALTER TABLE "campaigns" DROP COLUMN "exempt_from_caps";
  ALTER TABLE "automations" DROP COLUMN "counts_toward_caps";`)
  // Automation step campaigns take their automation's priority (high).
  await automationStepPrioritiesPostgres(db)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "subscribers_purchases" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"product" varchar NOT NULL,
  	"purchased_at" timestamp(3) with time zone NOT NULL,
  	"amount" numeric
  );
  
  ALTER TABLE "newsletters_translations" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "regions" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "conversions" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "contact_budget" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "newsletters_translations" CASCADE;
  DROP TABLE "regions" CASCADE;
  DROP TABLE "conversions" CASCADE;
  DROP TABLE "contact_budget" CASCADE;
  ALTER TABLE "content_blocks" DROP CONSTRAINT "content_blocks_converts_on_id_conversions_id_fk";
  
  ALTER TABLE "content_blocks_rels" DROP CONSTRAINT "content_blocks_rels_regions_fk";
  
  ALTER TABLE "_content_blocks_v" DROP CONSTRAINT "_content_blocks_v_version_converts_on_id_conversions_id_fk";
  
  ALTER TABLE "_content_blocks_v_rels" DROP CONSTRAINT "_content_blocks_v_rels_regions_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_regions_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_conversions_fk";
  
  ALTER TABLE "subscribers" ALTER COLUMN "locale" SET DATA TYPE text;
  ALTER TABLE "subscribers" ALTER COLUMN "locale" SET DEFAULT 'de'::text;
  DROP TYPE "public"."enum_subscribers_locale";
  CREATE TYPE "public"."enum_subscribers_locale" AS ENUM('de', 'en');
  ALTER TABLE "subscribers" ALTER COLUMN "locale" SET DEFAULT 'de'::"public"."enum_subscribers_locale";
  ALTER TABLE "subscribers" ALTER COLUMN "locale" SET DATA TYPE "public"."enum_subscribers_locale" USING "locale"::"public"."enum_subscribers_locale";
  DROP INDEX "content_blocks_converts_on_idx";
  DROP INDEX "content_blocks_rels_regions_id_idx";
  DROP INDEX "_content_blocks_v_version_version_converts_on_idx";
  DROP INDEX "_content_blocks_v_rels_regions_id_idx";
  DROP INDEX "payload_locked_documents_rels_regions_id_idx";
  DROP INDEX "payload_locked_documents_rels_conversions_id_idx";
  ALTER TABLE "campaigns" ADD COLUMN "exempt_from_caps" boolean;
  ALTER TABLE "automations" ADD COLUMN "counts_toward_caps" boolean DEFAULT false;
  ALTER TABLE "subscribers_purchases" ADD CONSTRAINT "subscribers_purchases_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."subscribers"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "subscribers_purchases_order_idx" ON "subscribers_purchases" USING btree ("_order");
  CREATE INDEX "subscribers_purchases_parent_id_idx" ON "subscribers_purchases" USING btree ("_parent_id");
  ALTER TABLE "content_blocks" DROP COLUMN "converts_on_id";
  ALTER TABLE "content_blocks" DROP COLUMN "conversion_window_days";
  ALTER TABLE "content_blocks_rels" DROP COLUMN "regions_id";
  ALTER TABLE "_content_blocks_v" DROP COLUMN "version_converts_on_id";
  ALTER TABLE "_content_blocks_v" DROP COLUMN "version_conversion_window_days";
  ALTER TABLE "_content_blocks_v_rels" DROP COLUMN "regions_id";
  ALTER TABLE "newsletters_slots" DROP COLUMN "match";
  ALTER TABLE "landing_pages_slots" DROP COLUMN "match";
  ALTER TABLE "campaigns" DROP COLUMN "priority";
  ALTER TABLE "automations" DROP COLUMN "priority";
  ALTER TABLE "automations" DROP COLUMN "cooldown_minutes";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "regions_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "conversions_id";
  DROP TYPE "public"."enum_newsletters_translations_locale";
  DROP TYPE "public"."enum_newsletters_slots_match";
  DROP TYPE "public"."enum_landing_pages_slots_match";
  DROP TYPE "public"."enum_conversions_kind";
  DROP TYPE "public"."enum_campaigns_priority";
  DROP TYPE "public"."enum_automations_priority";`)
}
