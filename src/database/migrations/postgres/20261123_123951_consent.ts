// @ts-nocheck -- generated; drizzle-orm is installed twice, so its SQL types disagree
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_subscribers_preferences_channels" AS ENUM('email', 'push', 'sms', 'post');
  CREATE TYPE "public"."enum_subscribers_preferences_frequency" AS ENUM('weekly', 'monthly', 'important_only');
  CREATE TYPE "public"."enum_topics_channels" AS ENUM('email', 'push', 'sms', 'post');
  CREATE TYPE "public"."enum_consent_records_purpose" AS ENUM('marketing', 'tracking');
  CREATE TYPE "public"."enum_consent_records_channel" AS ENUM('email', 'push', 'sms', 'post');
  CREATE TYPE "public"."enum_consent_records_action" AS ENUM('requested', 'confirmed', 'withdrawn', 'erased');
  CREATE TYPE "public"."enum_consent_records_source" AS ENUM('form', 'import', 'preference_center', 'api', 'one_click', 'admin');
  CREATE TABLE "subscribers_preferences_channels" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_subscribers_preferences_channels",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "topics_channels" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_topics_channels",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "topics" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"slug" varchar NOT NULL,
  	"active" boolean DEFAULT true,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "topics_locales" (
  	"name" varchar NOT NULL,
  	"description" varchar,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" integer NOT NULL
  );
  
  CREATE TABLE "topics_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"interests_id" integer
  );
  
  CREATE TABLE "consent_records" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"subscriber_id" integer,
  	"purpose" "enum_consent_records_purpose" NOT NULL,
  	"topic_id" integer,
  	"channel" "enum_consent_records_channel" NOT NULL,
  	"action" "enum_consent_records_action" NOT NULL,
  	"occurred_at" timestamp(3) with time zone NOT NULL,
  	"source" "enum_consent_records_source" NOT NULL,
  	"text_version" varchar,
  	"ip_address" varchar,
  	"user_agent" varchar,
  	"proof" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "subscribers" ADD COLUMN "preferences_frequency" "enum_subscribers_preferences_frequency" DEFAULT 'weekly' NOT NULL;
  ALTER TABLE "subscribers" ADD COLUMN "preferences_paused_until" timestamp(3) with time zone;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "topics_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "consent_records_id" integer;
  ALTER TABLE "subscribers_preferences_channels" ADD CONSTRAINT "subscribers_preferences_channels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."subscribers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "topics_channels" ADD CONSTRAINT "topics_channels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "topics_locales" ADD CONSTRAINT "topics_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "topics_rels" ADD CONSTRAINT "topics_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "topics_rels" ADD CONSTRAINT "topics_rels_interests_fk" FOREIGN KEY ("interests_id") REFERENCES "public"."interests"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_subscriber_id_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."subscribers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "subscribers_preferences_channels_order_idx" ON "subscribers_preferences_channels" USING btree ("order");
  CREATE INDEX "subscribers_preferences_channels_parent_idx" ON "subscribers_preferences_channels" USING btree ("parent_id");
  CREATE INDEX "topics_channels_order_idx" ON "topics_channels" USING btree ("order");
  CREATE INDEX "topics_channels_parent_idx" ON "topics_channels" USING btree ("parent_id");
  CREATE UNIQUE INDEX "topics_slug_idx" ON "topics" USING btree ("slug");
  CREATE INDEX "topics_updated_at_idx" ON "topics" USING btree ("updated_at");
  CREATE INDEX "topics_created_at_idx" ON "topics" USING btree ("created_at");
  CREATE UNIQUE INDEX "topics_locales_locale_parent_id_unique" ON "topics_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "topics_rels_order_idx" ON "topics_rels" USING btree ("order");
  CREATE INDEX "topics_rels_parent_idx" ON "topics_rels" USING btree ("parent_id");
  CREATE INDEX "topics_rels_path_idx" ON "topics_rels" USING btree ("path");
  CREATE INDEX "topics_rels_interests_id_idx" ON "topics_rels" USING btree ("interests_id");
  CREATE INDEX "consent_records_subscriber_idx" ON "consent_records" USING btree ("subscriber_id");
  CREATE INDEX "consent_records_topic_idx" ON "consent_records" USING btree ("topic_id");
  CREATE INDEX "consent_records_occurred_at_idx" ON "consent_records" USING btree ("occurred_at");
  CREATE INDEX "consent_records_updated_at_idx" ON "consent_records" USING btree ("updated_at");
  CREATE INDEX "consent_records_created_at_idx" ON "consent_records" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_topics_fk" FOREIGN KEY ("topics_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_consent_records_fk" FOREIGN KEY ("consent_records_id") REFERENCES "public"."consent_records"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_topics_id_idx" ON "payload_locked_documents_rels" USING btree ("topics_id");
  CREATE INDEX "payload_locked_documents_rels_consent_records_id_idx" ON "payload_locked_documents_rels" USING btree ("consent_records_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "subscribers_preferences_channels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "topics_channels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "topics" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "topics_locales" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "topics_rels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "consent_records" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "subscribers_preferences_channels" CASCADE;
  DROP TABLE "topics_channels" CASCADE;
  DROP TABLE "topics" CASCADE;
  DROP TABLE "topics_locales" CASCADE;
  DROP TABLE "topics_rels" CASCADE;
  DROP TABLE "consent_records" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_topics_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_consent_records_fk";
  
  DROP INDEX "payload_locked_documents_rels_topics_id_idx";
  DROP INDEX "payload_locked_documents_rels_consent_records_id_idx";
  ALTER TABLE "subscribers" DROP COLUMN "preferences_frequency";
  ALTER TABLE "subscribers" DROP COLUMN "preferences_paused_until";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "topics_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "consent_records_id";
  DROP TYPE "public"."enum_subscribers_preferences_channels";
  DROP TYPE "public"."enum_subscribers_preferences_frequency";
  DROP TYPE "public"."enum_topics_channels";
  DROP TYPE "public"."enum_consent_records_purpose";
  DROP TYPE "public"."enum_consent_records_channel";
  DROP TYPE "public"."enum_consent_records_action";
  DROP TYPE "public"."enum_consent_records_source";`)
}
