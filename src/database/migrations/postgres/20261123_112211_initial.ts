// @ts-nocheck -- generated; drizzle-orm is installed twice, so its SQL types disagree
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."_locales" AS ENUM('de', 'en');
  CREATE TYPE "public"."enum_content_blocks_channels" AS ENUM('email', 'landing_page', 'web', 'push', 'sms');
  CREATE TYPE "public"."enum_content_blocks_locale" AS ENUM('de', 'en');
  CREATE TYPE "public"."enum_content_blocks_goal" AS ENUM('acquisition', 'onboarding', 'nurture', 'upsell', 'cross_sell', 'winback', 'retention');
  CREATE TYPE "public"."enum_content_blocks_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__content_blocks_v_version_channels" AS ENUM('email', 'landing_page', 'web', 'push', 'sms');
  CREATE TYPE "public"."enum__content_blocks_v_version_locale" AS ENUM('de', 'en');
  CREATE TYPE "public"."enum__content_blocks_v_version_goal" AS ENUM('acquisition', 'onboarding', 'nurture', 'upsell', 'cross_sell', 'winback', 'retention');
  CREATE TYPE "public"."enum__content_blocks_v_version_status" AS ENUM('draft', 'published');
  CREATE TYPE "public"."enum__content_blocks_v_published_locale" AS ENUM('de', 'en');
  CREATE TYPE "public"."enum_personas_profile_operator" AS ENUM('in', 'gte', 'lte');
  CREATE TYPE "public"."enum_subscribers_interests_source" AS ENUM('explicit', 'implicit');
  CREATE TYPE "public"."enum_subscribers_stage_history_source" AS ENUM('manual', 'import', 'rule', 'threshold');
  CREATE TYPE "public"."enum_subscribers_gender" AS ENUM('female', 'male', 'diverse', 'unspecified');
  CREATE TYPE "public"."enum_subscribers_address_form" AS ENUM('formal', 'informal');
  CREATE TYPE "public"."enum_subscribers_locale" AS ENUM('de', 'en');
  CREATE TYPE "public"."enum_users_role" AS ENUM('admin', 'editor');
  CREATE TABLE "content_blocks_channels" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum_content_blocks_channels",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "content_blocks" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar,
  	"body" jsonb,
  	"image_id" integer,
  	"cta_label" varchar,
  	"cta_url" varchar,
  	"locale" "enum_content_blocks_locale" DEFAULT 'de',
  	"goal" "enum_content_blocks_goal",
  	"priority" numeric DEFAULT 50,
  	"is_fallback" boolean DEFAULT false,
  	"valid_from" timestamp(3) with time zone,
  	"valid_until" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"_status" "enum_content_blocks_status" DEFAULT 'draft'
  );
  
  CREATE TABLE "content_blocks_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"personas_id" integer,
  	"interests_id" integer,
  	"lifecycle_stages_id" integer
  );
  
  CREATE TABLE "_content_blocks_v_version_channels" (
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"value" "enum__content_blocks_v_version_channels",
  	"id" serial PRIMARY KEY NOT NULL
  );
  
  CREATE TABLE "_content_blocks_v" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"parent_id" integer,
  	"version_title" varchar,
  	"version_body" jsonb,
  	"version_image_id" integer,
  	"version_cta_label" varchar,
  	"version_cta_url" varchar,
  	"version_locale" "enum__content_blocks_v_version_locale" DEFAULT 'de',
  	"version_goal" "enum__content_blocks_v_version_goal",
  	"version_priority" numeric DEFAULT 50,
  	"version_is_fallback" boolean DEFAULT false,
  	"version_valid_from" timestamp(3) with time zone,
  	"version_valid_until" timestamp(3) with time zone,
  	"version_updated_at" timestamp(3) with time zone,
  	"version_created_at" timestamp(3) with time zone,
  	"version__status" "enum__content_blocks_v_version_status" DEFAULT 'draft',
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"snapshot" boolean,
  	"published_locale" "enum__content_blocks_v_published_locale",
  	"latest" boolean
  );
  
  CREATE TABLE "_content_blocks_v_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"personas_id" integer,
  	"interests_id" integer,
  	"lifecycle_stages_id" integer
  );
  
  CREATE TABLE "media" (
  	"id" serial PRIMARY KEY NOT NULL,
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
  	"focal_y" numeric,
  	"sizes_thumbnail_url" varchar,
  	"sizes_thumbnail_width" numeric,
  	"sizes_thumbnail_height" numeric,
  	"sizes_thumbnail_mime_type" varchar,
  	"sizes_thumbnail_filesize" numeric,
  	"sizes_thumbnail_filename" varchar,
  	"sizes_email_url" varchar,
  	"sizes_email_width" numeric,
  	"sizes_email_height" numeric,
  	"sizes_email_mime_type" varchar,
  	"sizes_email_filesize" numeric,
  	"sizes_email_filename" varchar,
  	"sizes_email_retina_url" varchar,
  	"sizes_email_retina_width" numeric,
  	"sizes_email_retina_height" numeric,
  	"sizes_email_retina_mime_type" varchar,
  	"sizes_email_retina_filesize" numeric,
  	"sizes_email_retina_filename" varchar,
  	"sizes_web_url" varchar,
  	"sizes_web_width" numeric,
  	"sizes_web_height" numeric,
  	"sizes_web_mime_type" varchar,
  	"sizes_web_filesize" numeric,
  	"sizes_web_filename" varchar
  );
  
  CREATE TABLE "media_locales" (
  	"alt" varchar NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" integer NOT NULL
  );
  
  CREATE TABLE "personas_profile" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"attribute" varchar NOT NULL,
  	"operator" "enum_personas_profile_operator" DEFAULT 'in' NOT NULL,
  	"weight" numeric DEFAULT 1 NOT NULL
  );
  
  CREATE TABLE "personas" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"slug" varchar NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "personas_locales" (
  	"name" varchar NOT NULL,
  	"description" varchar,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" integer NOT NULL
  );
  
  CREATE TABLE "personas_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "interests" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"slug" varchar NOT NULL,
  	"parent_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "interests_locales" (
  	"label" varchar NOT NULL,
  	"description" varchar,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" integer NOT NULL
  );
  
  CREATE TABLE "lifecycle_stages" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"order" numeric NOT NULL,
  	"system" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "lifecycle_stages_locales" (
  	"label" varchar NOT NULL,
  	"description" varchar,
  	"id" serial PRIMARY KEY NOT NULL,
  	"_locale" "_locales" NOT NULL,
  	"_parent_id" integer NOT NULL
  );
  
  CREATE TABLE "subscribers_interests" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"interest_id" integer NOT NULL,
  	"weight" numeric DEFAULT 1 NOT NULL,
  	"source" "enum_subscribers_interests_source" DEFAULT 'explicit' NOT NULL,
  	"last_seen_at" timestamp(3) with time zone
  );
  
  CREATE TABLE "subscribers_stage_history" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"stage_id" integer,
  	"source" "enum_subscribers_stage_history_source",
  	"reason" varchar,
  	"changed_at" timestamp(3) with time zone
  );
  
  CREATE TABLE "subscribers" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"email" varchar NOT NULL,
  	"gender" "enum_subscribers_gender" DEFAULT 'unspecified',
  	"academic_title" varchar,
  	"first_name" varchar,
  	"last_name" varchar,
  	"address_form" "enum_subscribers_address_form" DEFAULT 'formal' NOT NULL,
  	"locale" "enum_subscribers_locale" DEFAULT 'de' NOT NULL,
  	"region" varchar,
  	"attributes" jsonb,
  	"persona_id" integer,
  	"stage_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "users_sessions" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"created_at" timestamp(3) with time zone,
  	"expires_at" timestamp(3) with time zone NOT NULL
  );
  
  CREATE TABLE "users" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar,
  	"role" "enum_users_role" DEFAULT 'editor' NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"enable_a_p_i_key" boolean,
  	"api_key" varchar,
  	"api_key_index" varchar,
  	"email" varchar NOT NULL,
  	"reset_password_token" varchar,
  	"reset_password_expiration" timestamp(3) with time zone,
  	"salt" varchar,
  	"hash" varchar,
  	"reset_password_requested_at" timestamp(3) with time zone,
  	"login_attempts" numeric DEFAULT 0,
  	"lock_until" timestamp(3) with time zone
  );
  
  CREATE TABLE "payload_kv" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"data" jsonb NOT NULL
  );
  
  CREATE TABLE "payload_locked_documents" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"global_slug" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_locked_documents_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"content_blocks_id" integer,
  	"media_id" integer,
  	"personas_id" integer,
  	"interests_id" integer,
  	"lifecycle_stages_id" integer,
  	"subscribers_id" integer,
  	"users_id" integer
  );
  
  CREATE TABLE "payload_preferences" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar,
  	"value" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_preferences_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer
  );
  
  CREATE TABLE "payload_migrations" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar,
  	"batch" numeric,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "content_blocks_channels" ADD CONSTRAINT "content_blocks_channels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."content_blocks"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "content_blocks" ADD CONSTRAINT "content_blocks_image_id_media_id_fk" FOREIGN KEY ("image_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "content_blocks_rels" ADD CONSTRAINT "content_blocks_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."content_blocks"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "content_blocks_rels" ADD CONSTRAINT "content_blocks_rels_personas_fk" FOREIGN KEY ("personas_id") REFERENCES "public"."personas"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "content_blocks_rels" ADD CONSTRAINT "content_blocks_rels_interests_fk" FOREIGN KEY ("interests_id") REFERENCES "public"."interests"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "content_blocks_rels" ADD CONSTRAINT "content_blocks_rels_lifecycle_stages_fk" FOREIGN KEY ("lifecycle_stages_id") REFERENCES "public"."lifecycle_stages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_content_blocks_v_version_channels" ADD CONSTRAINT "_content_blocks_v_version_channels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_content_blocks_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_content_blocks_v" ADD CONSTRAINT "_content_blocks_v_parent_id_content_blocks_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."content_blocks"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_content_blocks_v" ADD CONSTRAINT "_content_blocks_v_version_image_id_media_id_fk" FOREIGN KEY ("version_image_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_content_blocks_v_rels" ADD CONSTRAINT "_content_blocks_v_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."_content_blocks_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_content_blocks_v_rels" ADD CONSTRAINT "_content_blocks_v_rels_personas_fk" FOREIGN KEY ("personas_id") REFERENCES "public"."personas"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_content_blocks_v_rels" ADD CONSTRAINT "_content_blocks_v_rels_interests_fk" FOREIGN KEY ("interests_id") REFERENCES "public"."interests"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_content_blocks_v_rels" ADD CONSTRAINT "_content_blocks_v_rels_lifecycle_stages_fk" FOREIGN KEY ("lifecycle_stages_id") REFERENCES "public"."lifecycle_stages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "media_locales" ADD CONSTRAINT "media_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "personas_profile" ADD CONSTRAINT "personas_profile_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."personas"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "personas_locales" ADD CONSTRAINT "personas_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."personas"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "personas_texts" ADD CONSTRAINT "personas_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."personas"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "interests" ADD CONSTRAINT "interests_parent_id_interests_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."interests"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "interests_locales" ADD CONSTRAINT "interests_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."interests"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "lifecycle_stages_locales" ADD CONSTRAINT "lifecycle_stages_locales_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."lifecycle_stages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "subscribers_interests" ADD CONSTRAINT "subscribers_interests_interest_id_interests_id_fk" FOREIGN KEY ("interest_id") REFERENCES "public"."interests"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "subscribers_interests" ADD CONSTRAINT "subscribers_interests_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."subscribers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "subscribers_stage_history" ADD CONSTRAINT "subscribers_stage_history_stage_id_lifecycle_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."lifecycle_stages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "subscribers_stage_history" ADD CONSTRAINT "subscribers_stage_history_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."subscribers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "subscribers" ADD CONSTRAINT "subscribers_persona_id_personas_id_fk" FOREIGN KEY ("persona_id") REFERENCES "public"."personas"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "subscribers" ADD CONSTRAINT "subscribers_stage_id_lifecycle_stages_id_fk" FOREIGN KEY ("stage_id") REFERENCES "public"."lifecycle_stages"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "users_sessions" ADD CONSTRAINT "users_sessions_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."payload_locked_documents"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_content_blocks_fk" FOREIGN KEY ("content_blocks_id") REFERENCES "public"."content_blocks"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_media_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_personas_fk" FOREIGN KEY ("personas_id") REFERENCES "public"."personas"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_interests_fk" FOREIGN KEY ("interests_id") REFERENCES "public"."interests"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_lifecycle_stages_fk" FOREIGN KEY ("lifecycle_stages_id") REFERENCES "public"."lifecycle_stages"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_subscribers_fk" FOREIGN KEY ("subscribers_id") REFERENCES "public"."subscribers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_preferences_rels" ADD CONSTRAINT "payload_preferences_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."payload_preferences"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_preferences_rels" ADD CONSTRAINT "payload_preferences_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "content_blocks_channels_order_idx" ON "content_blocks_channels" USING btree ("order");
  CREATE INDEX "content_blocks_channels_parent_idx" ON "content_blocks_channels" USING btree ("parent_id");
  CREATE INDEX "content_blocks_channels_value_idx" ON "content_blocks_channels" USING btree ("value");
  CREATE INDEX "content_blocks_image_idx" ON "content_blocks" USING btree ("image_id");
  CREATE INDEX "content_blocks_locale_idx" ON "content_blocks" USING btree ("locale");
  CREATE INDEX "content_blocks_goal_idx" ON "content_blocks" USING btree ("goal");
  CREATE INDEX "content_blocks_is_fallback_idx" ON "content_blocks" USING btree ("is_fallback");
  CREATE INDEX "content_blocks_valid_from_idx" ON "content_blocks" USING btree ("valid_from");
  CREATE INDEX "content_blocks_valid_until_idx" ON "content_blocks" USING btree ("valid_until");
  CREATE INDEX "content_blocks_updated_at_idx" ON "content_blocks" USING btree ("updated_at");
  CREATE INDEX "content_blocks_created_at_idx" ON "content_blocks" USING btree ("created_at");
  CREATE INDEX "content_blocks__status_idx" ON "content_blocks" USING btree ("_status");
  CREATE INDEX "content_blocks_rels_order_idx" ON "content_blocks_rels" USING btree ("order");
  CREATE INDEX "content_blocks_rels_parent_idx" ON "content_blocks_rels" USING btree ("parent_id");
  CREATE INDEX "content_blocks_rels_path_idx" ON "content_blocks_rels" USING btree ("path");
  CREATE INDEX "content_blocks_rels_personas_id_idx" ON "content_blocks_rels" USING btree ("personas_id");
  CREATE INDEX "content_blocks_rels_interests_id_idx" ON "content_blocks_rels" USING btree ("interests_id");
  CREATE INDEX "content_blocks_rels_lifecycle_stages_id_idx" ON "content_blocks_rels" USING btree ("lifecycle_stages_id");
  CREATE INDEX "_content_blocks_v_version_channels_order_idx" ON "_content_blocks_v_version_channels" USING btree ("order");
  CREATE INDEX "_content_blocks_v_version_channels_parent_idx" ON "_content_blocks_v_version_channels" USING btree ("parent_id");
  CREATE INDEX "_content_blocks_v_version_channels_value_idx" ON "_content_blocks_v_version_channels" USING btree ("value");
  CREATE INDEX "_content_blocks_v_parent_idx" ON "_content_blocks_v" USING btree ("parent_id");
  CREATE INDEX "_content_blocks_v_version_version_image_idx" ON "_content_blocks_v" USING btree ("version_image_id");
  CREATE INDEX "_content_blocks_v_version_version_locale_idx" ON "_content_blocks_v" USING btree ("version_locale");
  CREATE INDEX "_content_blocks_v_version_version_goal_idx" ON "_content_blocks_v" USING btree ("version_goal");
  CREATE INDEX "_content_blocks_v_version_version_is_fallback_idx" ON "_content_blocks_v" USING btree ("version_is_fallback");
  CREATE INDEX "_content_blocks_v_version_version_valid_from_idx" ON "_content_blocks_v" USING btree ("version_valid_from");
  CREATE INDEX "_content_blocks_v_version_version_valid_until_idx" ON "_content_blocks_v" USING btree ("version_valid_until");
  CREATE INDEX "_content_blocks_v_version_version_updated_at_idx" ON "_content_blocks_v" USING btree ("version_updated_at");
  CREATE INDEX "_content_blocks_v_version_version_created_at_idx" ON "_content_blocks_v" USING btree ("version_created_at");
  CREATE INDEX "_content_blocks_v_version_version__status_idx" ON "_content_blocks_v" USING btree ("version__status");
  CREATE INDEX "_content_blocks_v_created_at_idx" ON "_content_blocks_v" USING btree ("created_at");
  CREATE INDEX "_content_blocks_v_updated_at_idx" ON "_content_blocks_v" USING btree ("updated_at");
  CREATE INDEX "_content_blocks_v_snapshot_idx" ON "_content_blocks_v" USING btree ("snapshot");
  CREATE INDEX "_content_blocks_v_published_locale_idx" ON "_content_blocks_v" USING btree ("published_locale");
  CREATE INDEX "_content_blocks_v_latest_idx" ON "_content_blocks_v" USING btree ("latest");
  CREATE INDEX "_content_blocks_v_rels_order_idx" ON "_content_blocks_v_rels" USING btree ("order");
  CREATE INDEX "_content_blocks_v_rels_parent_idx" ON "_content_blocks_v_rels" USING btree ("parent_id");
  CREATE INDEX "_content_blocks_v_rels_path_idx" ON "_content_blocks_v_rels" USING btree ("path");
  CREATE INDEX "_content_blocks_v_rels_personas_id_idx" ON "_content_blocks_v_rels" USING btree ("personas_id");
  CREATE INDEX "_content_blocks_v_rels_interests_id_idx" ON "_content_blocks_v_rels" USING btree ("interests_id");
  CREATE INDEX "_content_blocks_v_rels_lifecycle_stages_id_idx" ON "_content_blocks_v_rels" USING btree ("lifecycle_stages_id");
  CREATE INDEX "media_updated_at_idx" ON "media" USING btree ("updated_at");
  CREATE INDEX "media_created_at_idx" ON "media" USING btree ("created_at");
  CREATE UNIQUE INDEX "media_filename_idx" ON "media" USING btree ("filename");
  CREATE INDEX "media_sizes_thumbnail_sizes_thumbnail_filename_idx" ON "media" USING btree ("sizes_thumbnail_filename");
  CREATE INDEX "media_sizes_email_sizes_email_filename_idx" ON "media" USING btree ("sizes_email_filename");
  CREATE INDEX "media_sizes_email_retina_sizes_email_retina_filename_idx" ON "media" USING btree ("sizes_email_retina_filename");
  CREATE INDEX "media_sizes_web_sizes_web_filename_idx" ON "media" USING btree ("sizes_web_filename");
  CREATE UNIQUE INDEX "media_locales_locale_parent_id_unique" ON "media_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "personas_profile_order_idx" ON "personas_profile" USING btree ("_order");
  CREATE INDEX "personas_profile_parent_id_idx" ON "personas_profile" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "personas_slug_idx" ON "personas" USING btree ("slug");
  CREATE INDEX "personas_updated_at_idx" ON "personas" USING btree ("updated_at");
  CREATE INDEX "personas_created_at_idx" ON "personas" USING btree ("created_at");
  CREATE UNIQUE INDEX "personas_locales_locale_parent_id_unique" ON "personas_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "personas_texts_order_parent" ON "personas_texts" USING btree ("order","parent_id");
  CREATE UNIQUE INDEX "interests_slug_idx" ON "interests" USING btree ("slug");
  CREATE INDEX "interests_parent_idx" ON "interests" USING btree ("parent_id");
  CREATE INDEX "interests_updated_at_idx" ON "interests" USING btree ("updated_at");
  CREATE INDEX "interests_created_at_idx" ON "interests" USING btree ("created_at");
  CREATE UNIQUE INDEX "interests_locales_locale_parent_id_unique" ON "interests_locales" USING btree ("_locale","_parent_id");
  CREATE UNIQUE INDEX "lifecycle_stages_key_idx" ON "lifecycle_stages" USING btree ("key");
  CREATE INDEX "lifecycle_stages_order_idx" ON "lifecycle_stages" USING btree ("order");
  CREATE INDEX "lifecycle_stages_updated_at_idx" ON "lifecycle_stages" USING btree ("updated_at");
  CREATE INDEX "lifecycle_stages_created_at_idx" ON "lifecycle_stages" USING btree ("created_at");
  CREATE UNIQUE INDEX "lifecycle_stages_locales_locale_parent_id_unique" ON "lifecycle_stages_locales" USING btree ("_locale","_parent_id");
  CREATE INDEX "subscribers_interests_order_idx" ON "subscribers_interests" USING btree ("_order");
  CREATE INDEX "subscribers_interests_parent_id_idx" ON "subscribers_interests" USING btree ("_parent_id");
  CREATE INDEX "subscribers_interests_interest_idx" ON "subscribers_interests" USING btree ("interest_id");
  CREATE INDEX "subscribers_stage_history_order_idx" ON "subscribers_stage_history" USING btree ("_order");
  CREATE INDEX "subscribers_stage_history_parent_id_idx" ON "subscribers_stage_history" USING btree ("_parent_id");
  CREATE INDEX "subscribers_stage_history_stage_idx" ON "subscribers_stage_history" USING btree ("stage_id");
  CREATE UNIQUE INDEX "subscribers_email_idx" ON "subscribers" USING btree ("email");
  CREATE INDEX "subscribers_locale_idx" ON "subscribers" USING btree ("locale");
  CREATE INDEX "subscribers_region_idx" ON "subscribers" USING btree ("region");
  CREATE INDEX "subscribers_persona_idx" ON "subscribers" USING btree ("persona_id");
  CREATE INDEX "subscribers_stage_idx" ON "subscribers" USING btree ("stage_id");
  CREATE INDEX "subscribers_updated_at_idx" ON "subscribers" USING btree ("updated_at");
  CREATE INDEX "subscribers_created_at_idx" ON "subscribers" USING btree ("created_at");
  CREATE INDEX "users_sessions_order_idx" ON "users_sessions" USING btree ("_order");
  CREATE INDEX "users_sessions_parent_id_idx" ON "users_sessions" USING btree ("_parent_id");
  CREATE INDEX "users_updated_at_idx" ON "users" USING btree ("updated_at");
  CREATE INDEX "users_created_at_idx" ON "users" USING btree ("created_at");
  CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree ("email");
  CREATE UNIQUE INDEX "payload_kv_key_idx" ON "payload_kv" USING btree ("key");
  CREATE INDEX "payload_locked_documents_global_slug_idx" ON "payload_locked_documents" USING btree ("global_slug");
  CREATE INDEX "payload_locked_documents_updated_at_idx" ON "payload_locked_documents" USING btree ("updated_at");
  CREATE INDEX "payload_locked_documents_created_at_idx" ON "payload_locked_documents" USING btree ("created_at");
  CREATE INDEX "payload_locked_documents_rels_order_idx" ON "payload_locked_documents_rels" USING btree ("order");
  CREATE INDEX "payload_locked_documents_rels_parent_idx" ON "payload_locked_documents_rels" USING btree ("parent_id");
  CREATE INDEX "payload_locked_documents_rels_path_idx" ON "payload_locked_documents_rels" USING btree ("path");
  CREATE INDEX "payload_locked_documents_rels_content_blocks_id_idx" ON "payload_locked_documents_rels" USING btree ("content_blocks_id");
  CREATE INDEX "payload_locked_documents_rels_media_id_idx" ON "payload_locked_documents_rels" USING btree ("media_id");
  CREATE INDEX "payload_locked_documents_rels_personas_id_idx" ON "payload_locked_documents_rels" USING btree ("personas_id");
  CREATE INDEX "payload_locked_documents_rels_interests_id_idx" ON "payload_locked_documents_rels" USING btree ("interests_id");
  CREATE INDEX "payload_locked_documents_rels_lifecycle_stages_id_idx" ON "payload_locked_documents_rels" USING btree ("lifecycle_stages_id");
  CREATE INDEX "payload_locked_documents_rels_subscribers_id_idx" ON "payload_locked_documents_rels" USING btree ("subscribers_id");
  CREATE INDEX "payload_locked_documents_rels_users_id_idx" ON "payload_locked_documents_rels" USING btree ("users_id");
  CREATE INDEX "payload_preferences_key_idx" ON "payload_preferences" USING btree ("key");
  CREATE INDEX "payload_preferences_updated_at_idx" ON "payload_preferences" USING btree ("updated_at");
  CREATE INDEX "payload_preferences_created_at_idx" ON "payload_preferences" USING btree ("created_at");
  CREATE INDEX "payload_preferences_rels_order_idx" ON "payload_preferences_rels" USING btree ("order");
  CREATE INDEX "payload_preferences_rels_parent_idx" ON "payload_preferences_rels" USING btree ("parent_id");
  CREATE INDEX "payload_preferences_rels_path_idx" ON "payload_preferences_rels" USING btree ("path");
  CREATE INDEX "payload_preferences_rels_users_id_idx" ON "payload_preferences_rels" USING btree ("users_id");
  CREATE INDEX "payload_migrations_updated_at_idx" ON "payload_migrations" USING btree ("updated_at");
  CREATE INDEX "payload_migrations_created_at_idx" ON "payload_migrations" USING btree ("created_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "content_blocks_channels" CASCADE;
  DROP TABLE "content_blocks" CASCADE;
  DROP TABLE "content_blocks_rels" CASCADE;
  DROP TABLE "_content_blocks_v_version_channels" CASCADE;
  DROP TABLE "_content_blocks_v" CASCADE;
  DROP TABLE "_content_blocks_v_rels" CASCADE;
  DROP TABLE "media" CASCADE;
  DROP TABLE "media_locales" CASCADE;
  DROP TABLE "personas_profile" CASCADE;
  DROP TABLE "personas" CASCADE;
  DROP TABLE "personas_locales" CASCADE;
  DROP TABLE "personas_texts" CASCADE;
  DROP TABLE "interests" CASCADE;
  DROP TABLE "interests_locales" CASCADE;
  DROP TABLE "lifecycle_stages" CASCADE;
  DROP TABLE "lifecycle_stages_locales" CASCADE;
  DROP TABLE "subscribers_interests" CASCADE;
  DROP TABLE "subscribers_stage_history" CASCADE;
  DROP TABLE "subscribers" CASCADE;
  DROP TABLE "users_sessions" CASCADE;
  DROP TABLE "users" CASCADE;
  DROP TABLE "payload_kv" CASCADE;
  DROP TABLE "payload_locked_documents" CASCADE;
  DROP TABLE "payload_locked_documents_rels" CASCADE;
  DROP TABLE "payload_preferences" CASCADE;
  DROP TABLE "payload_preferences_rels" CASCADE;
  DROP TABLE "payload_migrations" CASCADE;
  DROP TYPE "public"."_locales";
  DROP TYPE "public"."enum_content_blocks_channels";
  DROP TYPE "public"."enum_content_blocks_locale";
  DROP TYPE "public"."enum_content_blocks_goal";
  DROP TYPE "public"."enum_content_blocks_status";
  DROP TYPE "public"."enum__content_blocks_v_version_channels";
  DROP TYPE "public"."enum__content_blocks_v_version_locale";
  DROP TYPE "public"."enum__content_blocks_v_version_goal";
  DROP TYPE "public"."enum__content_blocks_v_version_status";
  DROP TYPE "public"."enum__content_blocks_v_published_locale";
  DROP TYPE "public"."enum_personas_profile_operator";
  DROP TYPE "public"."enum_subscribers_interests_source";
  DROP TYPE "public"."enum_subscribers_stage_history_source";
  DROP TYPE "public"."enum_subscribers_gender";
  DROP TYPE "public"."enum_subscribers_address_form";
  DROP TYPE "public"."enum_subscribers_locale";
  DROP TYPE "public"."enum_users_role";`)
}
