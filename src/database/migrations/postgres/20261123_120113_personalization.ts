// @ts-nocheck -- generated; drizzle-orm is installed twice, so its SQL types disagree
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_newsletters_slots_goals" AS ENUM('acquisition', 'onboarding', 'nurture', 'upsell', 'cross_sell', 'winback', 'retention');
  CREATE TYPE "public"."enum_newsletters_slots_channel" AS ENUM('email', 'landing_page', 'web', 'push', 'sms');
  CREATE TYPE "public"."enum_newsletters_slots_strategy" AS ENUM('relevance', 'priority', 'freshness');
  CREATE TYPE "public"."enum_newsletters_layout" AS ENUM('standard');
  CREATE TYPE "public"."enum_landing_pages_slots_goals" AS ENUM('acquisition', 'onboarding', 'nurture', 'upsell', 'cross_sell', 'winback', 'retention');
  CREATE TYPE "public"."enum_landing_pages_slots_channel" AS ENUM('email', 'landing_page', 'web', 'push', 'sms');
  CREATE TYPE "public"."enum_landing_pages_slots_strategy" AS ENUM('relevance', 'priority', 'freshness');
  CREATE TABLE "newsletters_slots_goals" (
  	"order" integer NOT NULL,
  	"parent_id" varchar NOT NULL,
  	"value" "enum_newsletters_slots_goals",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "newsletters_slots" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"label" varchar NOT NULL,
  	"count" numeric DEFAULT 1 NOT NULL,
  	"channel" "enum_newsletters_slots_channel" DEFAULT 'email' NOT NULL,
  	"strategy" "enum_newsletters_slots_strategy" DEFAULT 'relevance' NOT NULL,
  	"fallback_id" integer NOT NULL
  );
  
  CREATE TABLE "newsletters" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"slug" varchar NOT NULL,
  	"subject" varchar NOT NULL,
  	"preheader" varchar,
  	"layout" "enum_newsletters_layout" DEFAULT 'standard' NOT NULL,
  	"skip_recent_sends" numeric DEFAULT 3 NOT NULL,
  	"custom_layout" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "newsletters_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"interests_id" integer
  );
  
  CREATE TABLE "landing_pages_slots_goals" (
  	"order" integer NOT NULL,
  	"parent_id" varchar NOT NULL,
  	"value" "enum_landing_pages_slots_goals",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "landing_pages_slots" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"label" varchar NOT NULL,
  	"count" numeric DEFAULT 1 NOT NULL,
  	"channel" "enum_landing_pages_slots_channel" DEFAULT 'landing_page' NOT NULL,
  	"strategy" "enum_landing_pages_slots_strategy" DEFAULT 'relevance' NOT NULL,
  	"fallback_id" integer NOT NULL
  );
  
  CREATE TABLE "landing_pages" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar NOT NULL,
  	"slug" varchar NOT NULL,
  	"hero_headline" varchar NOT NULL,
  	"hero_subline" varchar,
  	"hero_image_id" integer,
  	"seo_title" varchar,
  	"seo_description" varchar,
  	"seo_no_index" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "landing_pages_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"interests_id" integer
  );
  
  CREATE TABLE "subscribers_purchases" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"product" varchar NOT NULL,
  	"purchased_at" timestamp(3) with time zone NOT NULL,
  	"amount" numeric
  );
  
  CREATE TABLE "subscribers_send_history" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"newsletter_id" integer,
  	"sent_at" timestamp(3) with time zone
  );
  
  CREATE TABLE "subscribers_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"content_blocks_id" integer
  );
  
  ALTER TABLE "content_blocks" ADD COLUMN "discount_product" varchar;
  ALTER TABLE "_content_blocks_v" ADD COLUMN "version_discount_product" varchar;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "newsletters_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "landing_pages_id" integer;
  ALTER TABLE "newsletters_slots_goals" ADD CONSTRAINT "newsletters_slots_goals_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."newsletters_slots"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "newsletters_slots" ADD CONSTRAINT "newsletters_slots_fallback_id_content_blocks_id_fk" FOREIGN KEY ("fallback_id") REFERENCES "public"."content_blocks"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "newsletters_slots" ADD CONSTRAINT "newsletters_slots_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."newsletters"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "newsletters_rels" ADD CONSTRAINT "newsletters_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."newsletters"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "newsletters_rels" ADD CONSTRAINT "newsletters_rels_interests_fk" FOREIGN KEY ("interests_id") REFERENCES "public"."interests"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "landing_pages_slots_goals" ADD CONSTRAINT "landing_pages_slots_goals_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."landing_pages_slots"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "landing_pages_slots" ADD CONSTRAINT "landing_pages_slots_fallback_id_content_blocks_id_fk" FOREIGN KEY ("fallback_id") REFERENCES "public"."content_blocks"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "landing_pages_slots" ADD CONSTRAINT "landing_pages_slots_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."landing_pages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "landing_pages" ADD CONSTRAINT "landing_pages_hero_image_id_media_id_fk" FOREIGN KEY ("hero_image_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "landing_pages_rels" ADD CONSTRAINT "landing_pages_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."landing_pages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "landing_pages_rels" ADD CONSTRAINT "landing_pages_rels_interests_fk" FOREIGN KEY ("interests_id") REFERENCES "public"."interests"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "subscribers_purchases" ADD CONSTRAINT "subscribers_purchases_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."subscribers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "subscribers_send_history" ADD CONSTRAINT "subscribers_send_history_newsletter_id_newsletters_id_fk" FOREIGN KEY ("newsletter_id") REFERENCES "public"."newsletters"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "subscribers_send_history" ADD CONSTRAINT "subscribers_send_history_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."subscribers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "subscribers_rels" ADD CONSTRAINT "subscribers_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."subscribers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "subscribers_rels" ADD CONSTRAINT "subscribers_rels_content_blocks_fk" FOREIGN KEY ("content_blocks_id") REFERENCES "public"."content_blocks"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "newsletters_slots_goals_order_idx" ON "newsletters_slots_goals" USING btree ("order");
  CREATE INDEX "newsletters_slots_goals_parent_idx" ON "newsletters_slots_goals" USING btree ("parent_id");
  CREATE INDEX "newsletters_slots_order_idx" ON "newsletters_slots" USING btree ("_order");
  CREATE INDEX "newsletters_slots_parent_id_idx" ON "newsletters_slots" USING btree ("_parent_id");
  CREATE INDEX "newsletters_slots_fallback_idx" ON "newsletters_slots" USING btree ("fallback_id");
  CREATE UNIQUE INDEX "newsletters_slug_idx" ON "newsletters" USING btree ("slug");
  CREATE INDEX "newsletters_updated_at_idx" ON "newsletters" USING btree ("updated_at");
  CREATE INDEX "newsletters_created_at_idx" ON "newsletters" USING btree ("created_at");
  CREATE INDEX "newsletters_rels_order_idx" ON "newsletters_rels" USING btree ("order");
  CREATE INDEX "newsletters_rels_parent_idx" ON "newsletters_rels" USING btree ("parent_id");
  CREATE INDEX "newsletters_rels_path_idx" ON "newsletters_rels" USING btree ("path");
  CREATE INDEX "newsletters_rels_interests_id_idx" ON "newsletters_rels" USING btree ("interests_id");
  CREATE INDEX "landing_pages_slots_goals_order_idx" ON "landing_pages_slots_goals" USING btree ("order");
  CREATE INDEX "landing_pages_slots_goals_parent_idx" ON "landing_pages_slots_goals" USING btree ("parent_id");
  CREATE INDEX "landing_pages_slots_order_idx" ON "landing_pages_slots" USING btree ("_order");
  CREATE INDEX "landing_pages_slots_parent_id_idx" ON "landing_pages_slots" USING btree ("_parent_id");
  CREATE INDEX "landing_pages_slots_fallback_idx" ON "landing_pages_slots" USING btree ("fallback_id");
  CREATE UNIQUE INDEX "landing_pages_slug_idx" ON "landing_pages" USING btree ("slug");
  CREATE INDEX "landing_pages_hero_hero_image_idx" ON "landing_pages" USING btree ("hero_image_id");
  CREATE INDEX "landing_pages_updated_at_idx" ON "landing_pages" USING btree ("updated_at");
  CREATE INDEX "landing_pages_created_at_idx" ON "landing_pages" USING btree ("created_at");
  CREATE INDEX "landing_pages_rels_order_idx" ON "landing_pages_rels" USING btree ("order");
  CREATE INDEX "landing_pages_rels_parent_idx" ON "landing_pages_rels" USING btree ("parent_id");
  CREATE INDEX "landing_pages_rels_path_idx" ON "landing_pages_rels" USING btree ("path");
  CREATE INDEX "landing_pages_rels_interests_id_idx" ON "landing_pages_rels" USING btree ("interests_id");
  CREATE INDEX "subscribers_purchases_order_idx" ON "subscribers_purchases" USING btree ("_order");
  CREATE INDEX "subscribers_purchases_parent_id_idx" ON "subscribers_purchases" USING btree ("_parent_id");
  CREATE INDEX "subscribers_send_history_order_idx" ON "subscribers_send_history" USING btree ("_order");
  CREATE INDEX "subscribers_send_history_parent_id_idx" ON "subscribers_send_history" USING btree ("_parent_id");
  CREATE INDEX "subscribers_send_history_newsletter_idx" ON "subscribers_send_history" USING btree ("newsletter_id");
  CREATE INDEX "subscribers_rels_order_idx" ON "subscribers_rels" USING btree ("order");
  CREATE INDEX "subscribers_rels_parent_idx" ON "subscribers_rels" USING btree ("parent_id");
  CREATE INDEX "subscribers_rels_path_idx" ON "subscribers_rels" USING btree ("path");
  CREATE INDEX "subscribers_rels_content_blocks_id_idx" ON "subscribers_rels" USING btree ("content_blocks_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_newsletters_fk" FOREIGN KEY ("newsletters_id") REFERENCES "public"."newsletters"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_landing_pages_fk" FOREIGN KEY ("landing_pages_id") REFERENCES "public"."landing_pages"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_newsletters_id_idx" ON "payload_locked_documents_rels" USING btree ("newsletters_id");
  CREATE INDEX "payload_locked_documents_rels_landing_pages_id_idx" ON "payload_locked_documents_rels" USING btree ("landing_pages_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "newsletters_slots_goals" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "newsletters_slots" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "newsletters" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "newsletters_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "landing_pages_slots_goals" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "landing_pages_slots" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "landing_pages" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "landing_pages_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "subscribers_purchases" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "subscribers_send_history" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "subscribers_rels" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "newsletters_slots_goals" CASCADE;
  DROP TABLE "newsletters_slots" CASCADE;
  DROP TABLE "newsletters" CASCADE;
  DROP TABLE "newsletters_rels" CASCADE;
  DROP TABLE "landing_pages_slots_goals" CASCADE;
  DROP TABLE "landing_pages_slots" CASCADE;
  DROP TABLE "landing_pages" CASCADE;
  DROP TABLE "landing_pages_rels" CASCADE;
  DROP TABLE "subscribers_purchases" CASCADE;
  DROP TABLE "subscribers_send_history" CASCADE;
  DROP TABLE "subscribers_rels" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_newsletters_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_landing_pages_fk";
  
  DROP INDEX "payload_locked_documents_rels_newsletters_id_idx";
  DROP INDEX "payload_locked_documents_rels_landing_pages_id_idx";
  ALTER TABLE "content_blocks" DROP COLUMN "discount_product";
  ALTER TABLE "_content_blocks_v" DROP COLUMN "version_discount_product";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "newsletters_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "landing_pages_id";
  DROP TYPE "public"."enum_newsletters_slots_goals";
  DROP TYPE "public"."enum_newsletters_slots_channel";
  DROP TYPE "public"."enum_newsletters_slots_strategy";
  DROP TYPE "public"."enum_newsletters_layout";
  DROP TYPE "public"."enum_landing_pages_slots_goals";
  DROP TYPE "public"."enum_landing_pages_slots_channel";
  DROP TYPE "public"."enum_landing_pages_slots_strategy";`)
}
