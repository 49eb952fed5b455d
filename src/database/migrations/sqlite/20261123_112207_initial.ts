import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`content_blocks_channels\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`value\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`content_blocks\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`content_blocks_channels_order_idx\` ON \`content_blocks_channels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`content_blocks_channels_parent_idx\` ON \`content_blocks_channels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`content_blocks_channels_value_idx\` ON \`content_blocks_channels\` (\`value\`);`)
  await db.run(sql`CREATE TABLE \`content_blocks\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`title\` text,
  	\`body\` text,
  	\`image_id\` integer,
  	\`cta_label\` text,
  	\`cta_url\` text,
  	\`locale\` text DEFAULT 'de',
  	\`goal\` text,
  	\`priority\` numeric DEFAULT 50,
  	\`is_fallback\` integer DEFAULT false,
  	\`valid_from\` text,
  	\`valid_until\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`_status\` text DEFAULT 'draft',
  	FOREIGN KEY (\`image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`content_blocks_image_idx\` ON \`content_blocks\` (\`image_id\`);`)
  await db.run(sql`CREATE INDEX \`content_blocks_locale_idx\` ON \`content_blocks\` (\`locale\`);`)
  await db.run(sql`CREATE INDEX \`content_blocks_goal_idx\` ON \`content_blocks\` (\`goal\`);`)
  await db.run(sql`CREATE INDEX \`content_blocks_is_fallback_idx\` ON \`content_blocks\` (\`is_fallback\`);`)
  await db.run(sql`CREATE INDEX \`content_blocks_valid_from_idx\` ON \`content_blocks\` (\`valid_from\`);`)
  await db.run(sql`CREATE INDEX \`content_blocks_valid_until_idx\` ON \`content_blocks\` (\`valid_until\`);`)
  await db.run(sql`CREATE INDEX \`content_blocks_updated_at_idx\` ON \`content_blocks\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`content_blocks_created_at_idx\` ON \`content_blocks\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`content_blocks__status_idx\` ON \`content_blocks\` (\`_status\`);`)
  await db.run(sql`CREATE TABLE \`content_blocks_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`personas_id\` integer,
  	\`interests_id\` integer,
  	\`lifecycle_stages_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`content_blocks\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`personas_id\`) REFERENCES \`personas\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`interests_id\`) REFERENCES \`interests\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`lifecycle_stages_id\`) REFERENCES \`lifecycle_stages\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`content_blocks_rels_order_idx\` ON \`content_blocks_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`content_blocks_rels_parent_idx\` ON \`content_blocks_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`content_blocks_rels_path_idx\` ON \`content_blocks_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`content_blocks_rels_personas_id_idx\` ON \`content_blocks_rels\` (\`personas_id\`);`)
  await db.run(sql`CREATE INDEX \`content_blocks_rels_interests_id_idx\` ON \`content_blocks_rels\` (\`interests_id\`);`)
  await db.run(sql`CREATE INDEX \`content_blocks_rels_lifecycle_stages_id_idx\` ON \`content_blocks_rels\` (\`lifecycle_stages_id\`);`)
  await db.run(sql`CREATE TABLE \`_content_blocks_v_version_channels\` (
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`value\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_content_blocks_v\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_content_blocks_v_version_channels_order_idx\` ON \`_content_blocks_v_version_channels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`_content_blocks_v_version_channels_parent_idx\` ON \`_content_blocks_v_version_channels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_content_blocks_v_version_channels_value_idx\` ON \`_content_blocks_v_version_channels\` (\`value\`);`)
  await db.run(sql`CREATE TABLE \`_content_blocks_v\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`parent_id\` integer,
  	\`version_title\` text,
  	\`version_body\` text,
  	\`version_image_id\` integer,
  	\`version_cta_label\` text,
  	\`version_cta_url\` text,
  	\`version_locale\` text DEFAULT 'de',
  	\`version_goal\` text,
  	\`version_priority\` numeric DEFAULT 50,
  	\`version_is_fallback\` integer DEFAULT false,
  	\`version_valid_from\` text,
  	\`version_valid_until\` text,
  	\`version_updated_at\` text,
  	\`version_created_at\` text,
  	\`version__status\` text DEFAULT 'draft',
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`snapshot\` integer,
  	\`published_locale\` text,
  	\`latest\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`content_blocks\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`version_image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`_content_blocks_v_parent_idx\` ON \`_content_blocks_v\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_content_blocks_v_version_version_image_idx\` ON \`_content_blocks_v\` (\`version_image_id\`);`)
  await db.run(sql`CREATE INDEX \`_content_blocks_v_version_version_locale_idx\` ON \`_content_blocks_v\` (\`version_locale\`);`)
  await db.run(sql`CREATE INDEX \`_content_blocks_v_version_version_goal_idx\` ON \`_content_blocks_v\` (\`version_goal\`);`)
  await db.run(sql`CREATE INDEX \`_content_blocks_v_version_version_is_fallback_idx\` ON \`_content_blocks_v\` (\`version_is_fallback\`);`)
  await db.run(sql`CREATE INDEX \`_content_blocks_v_version_version_valid_from_idx\` ON \`_content_blocks_v\` (\`version_valid_from\`);`)
  await db.run(sql`CREATE INDEX \`_content_blocks_v_version_version_valid_until_idx\` ON \`_content_blocks_v\` (\`version_valid_until\`);`)
  await db.run(sql`CREATE INDEX \`_content_blocks_v_version_version_updated_at_idx\` ON \`_content_blocks_v\` (\`version_updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_content_blocks_v_version_version_created_at_idx\` ON \`_content_blocks_v\` (\`version_created_at\`);`)
  await db.run(sql`CREATE INDEX \`_content_blocks_v_version_version__status_idx\` ON \`_content_blocks_v\` (\`version__status\`);`)
  await db.run(sql`CREATE INDEX \`_content_blocks_v_created_at_idx\` ON \`_content_blocks_v\` (\`created_at\`);`)
  await db.run(sql`CREATE INDEX \`_content_blocks_v_updated_at_idx\` ON \`_content_blocks_v\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`_content_blocks_v_snapshot_idx\` ON \`_content_blocks_v\` (\`snapshot\`);`)
  await db.run(sql`CREATE INDEX \`_content_blocks_v_published_locale_idx\` ON \`_content_blocks_v\` (\`published_locale\`);`)
  await db.run(sql`CREATE INDEX \`_content_blocks_v_latest_idx\` ON \`_content_blocks_v\` (\`latest\`);`)
  await db.run(sql`CREATE TABLE \`_content_blocks_v_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`personas_id\` integer,
  	\`interests_id\` integer,
  	\`lifecycle_stages_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`_content_blocks_v\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`personas_id\`) REFERENCES \`personas\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`interests_id\`) REFERENCES \`interests\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`lifecycle_stages_id\`) REFERENCES \`lifecycle_stages\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`_content_blocks_v_rels_order_idx\` ON \`_content_blocks_v_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`_content_blocks_v_rels_parent_idx\` ON \`_content_blocks_v_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`_content_blocks_v_rels_path_idx\` ON \`_content_blocks_v_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`_content_blocks_v_rels_personas_id_idx\` ON \`_content_blocks_v_rels\` (\`personas_id\`);`)
  await db.run(sql`CREATE INDEX \`_content_blocks_v_rels_interests_id_idx\` ON \`_content_blocks_v_rels\` (\`interests_id\`);`)
  await db.run(sql`CREATE INDEX \`_content_blocks_v_rels_lifecycle_stages_id_idx\` ON \`_content_blocks_v_rels\` (\`lifecycle_stages_id\`);`)
  await db.run(sql`CREATE TABLE \`media\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`url\` text,
  	\`thumbnail_u_r_l\` text,
  	\`filename\` text,
  	\`mime_type\` text,
  	\`filesize\` numeric,
  	\`width\` numeric,
  	\`height\` numeric,
  	\`focal_x\` numeric,
  	\`focal_y\` numeric,
  	\`sizes_thumbnail_url\` text,
  	\`sizes_thumbnail_width\` numeric,
  	\`sizes_thumbnail_height\` numeric,
  	\`sizes_thumbnail_mime_type\` text,
  	\`sizes_thumbnail_filesize\` numeric,
  	\`sizes_thumbnail_filename\` text,
  	\`sizes_email_url\` text,
  	\`sizes_email_width\` numeric,
  	\`sizes_email_height\` numeric,
  	\`sizes_email_mime_type\` text,
  	\`sizes_email_filesize\` numeric,
  	\`sizes_email_filename\` text,
  	\`sizes_email_retina_url\` text,
  	\`sizes_email_retina_width\` numeric,
  	\`sizes_email_retina_height\` numeric,
  	\`sizes_email_retina_mime_type\` text,
  	\`sizes_email_retina_filesize\` numeric,
  	\`sizes_email_retina_filename\` text,
  	\`sizes_web_url\` text,
  	\`sizes_web_width\` numeric,
  	\`sizes_web_height\` numeric,
  	\`sizes_web_mime_type\` text,
  	\`sizes_web_filesize\` numeric,
  	\`sizes_web_filename\` text
  );
  `)
  await db.run(sql`CREATE INDEX \`media_updated_at_idx\` ON \`media\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`media_created_at_idx\` ON \`media\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`media_filename_idx\` ON \`media\` (\`filename\`);`)
  await db.run(sql`CREATE INDEX \`media_sizes_thumbnail_sizes_thumbnail_filename_idx\` ON \`media\` (\`sizes_thumbnail_filename\`);`)
  await db.run(sql`CREATE INDEX \`media_sizes_email_sizes_email_filename_idx\` ON \`media\` (\`sizes_email_filename\`);`)
  await db.run(sql`CREATE INDEX \`media_sizes_email_retina_sizes_email_retina_filename_idx\` ON \`media\` (\`sizes_email_retina_filename\`);`)
  await db.run(sql`CREATE INDEX \`media_sizes_web_sizes_web_filename_idx\` ON \`media\` (\`sizes_web_filename\`);`)
  await db.run(sql`CREATE TABLE \`media_locales\` (
  	\`alt\` text NOT NULL,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`media_locales_locale_parent_id_unique\` ON \`media_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`personas_profile\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`attribute\` text NOT NULL,
  	\`operator\` text DEFAULT 'in' NOT NULL,
  	\`weight\` numeric DEFAULT 1 NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`personas\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`personas_profile_order_idx\` ON \`personas_profile\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`personas_profile_parent_id_idx\` ON \`personas_profile\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`personas\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`slug\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`personas_slug_idx\` ON \`personas\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`personas_updated_at_idx\` ON \`personas\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`personas_created_at_idx\` ON \`personas\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`personas_locales\` (
  	\`name\` text NOT NULL,
  	\`description\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`personas\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`personas_locales_locale_parent_id_unique\` ON \`personas_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`personas_texts\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer NOT NULL,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`text\` text,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`personas\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`personas_texts_order_parent\` ON \`personas_texts\` (\`order\`,\`parent_id\`);`)
  await db.run(sql`CREATE TABLE \`interests\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`slug\` text NOT NULL,
  	\`parent_id\` integer,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`interests\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`interests_slug_idx\` ON \`interests\` (\`slug\`);`)
  await db.run(sql`CREATE INDEX \`interests_parent_idx\` ON \`interests\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`interests_updated_at_idx\` ON \`interests\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`interests_created_at_idx\` ON \`interests\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`interests_locales\` (
  	\`label\` text NOT NULL,
  	\`description\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`interests\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`interests_locales_locale_parent_id_unique\` ON \`interests_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`lifecycle_stages\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`key\` text NOT NULL,
  	\`order\` numeric NOT NULL,
  	\`system\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`lifecycle_stages_key_idx\` ON \`lifecycle_stages\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`lifecycle_stages_order_idx\` ON \`lifecycle_stages\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`lifecycle_stages_updated_at_idx\` ON \`lifecycle_stages\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`lifecycle_stages_created_at_idx\` ON \`lifecycle_stages\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`lifecycle_stages_locales\` (
  	\`label\` text NOT NULL,
  	\`description\` text,
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`_locale\` text NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`lifecycle_stages\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`lifecycle_stages_locales_locale_parent_id_unique\` ON \`lifecycle_stages_locales\` (\`_locale\`,\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`subscribers_interests\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`interest_id\` integer NOT NULL,
  	\`weight\` numeric DEFAULT 1 NOT NULL,
  	\`source\` text DEFAULT 'explicit' NOT NULL,
  	\`last_seen_at\` text,
  	FOREIGN KEY (\`interest_id\`) REFERENCES \`interests\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`subscribers\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`subscribers_interests_order_idx\` ON \`subscribers_interests\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`subscribers_interests_parent_id_idx\` ON \`subscribers_interests\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`subscribers_interests_interest_idx\` ON \`subscribers_interests\` (\`interest_id\`);`)
  await db.run(sql`CREATE TABLE \`subscribers_stage_history\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`stage_id\` integer,
  	\`source\` text,
  	\`reason\` text,
  	\`changed_at\` text,
  	FOREIGN KEY (\`stage_id\`) REFERENCES \`lifecycle_stages\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`subscribers\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`subscribers_stage_history_order_idx\` ON \`subscribers_stage_history\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`subscribers_stage_history_parent_id_idx\` ON \`subscribers_stage_history\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`subscribers_stage_history_stage_idx\` ON \`subscribers_stage_history\` (\`stage_id\`);`)
  await db.run(sql`CREATE TABLE \`subscribers\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`email\` text NOT NULL,
  	\`gender\` text DEFAULT 'unspecified',
  	\`academic_title\` text,
  	\`first_name\` text,
  	\`last_name\` text,
  	\`address_form\` text DEFAULT 'formal' NOT NULL,
  	\`locale\` text DEFAULT 'de' NOT NULL,
  	\`region\` text,
  	\`attributes\` text,
  	\`persona_id\` integer,
  	\`stage_id\` integer,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`persona_id\`) REFERENCES \`personas\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`stage_id\`) REFERENCES \`lifecycle_stages\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`subscribers_email_idx\` ON \`subscribers\` (\`email\`);`)
  await db.run(sql`CREATE INDEX \`subscribers_locale_idx\` ON \`subscribers\` (\`locale\`);`)
  await db.run(sql`CREATE INDEX \`subscribers_region_idx\` ON \`subscribers\` (\`region\`);`)
  await db.run(sql`CREATE INDEX \`subscribers_persona_idx\` ON \`subscribers\` (\`persona_id\`);`)
  await db.run(sql`CREATE INDEX \`subscribers_stage_idx\` ON \`subscribers\` (\`stage_id\`);`)
  await db.run(sql`CREATE INDEX \`subscribers_updated_at_idx\` ON \`subscribers\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`subscribers_created_at_idx\` ON \`subscribers\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`users_sessions\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`created_at\` text,
  	\`expires_at\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`users_sessions_order_idx\` ON \`users_sessions\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`users_sessions_parent_id_idx\` ON \`users_sessions\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`users\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text,
  	\`role\` text DEFAULT 'editor' NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`enable_a_p_i_key\` integer,
  	\`api_key\` text,
  	\`api_key_index\` text,
  	\`email\` text NOT NULL,
  	\`reset_password_token\` text,
  	\`reset_password_expiration\` text,
  	\`salt\` text,
  	\`hash\` text,
  	\`reset_password_requested_at\` text,
  	\`login_attempts\` numeric DEFAULT 0,
  	\`lock_until\` text
  );
  `)
  await db.run(sql`CREATE INDEX \`users_updated_at_idx\` ON \`users\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`users_created_at_idx\` ON \`users\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`users_email_idx\` ON \`users\` (\`email\`);`)
  await db.run(sql`CREATE TABLE \`payload_kv\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`key\` text NOT NULL,
  	\`data\` text NOT NULL
  );
  `)
  await db.run(sql`CREATE UNIQUE INDEX \`payload_kv_key_idx\` ON \`payload_kv\` (\`key\`);`)
  await db.run(sql`CREATE TABLE \`payload_locked_documents\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`global_slug\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_global_slug_idx\` ON \`payload_locked_documents\` (\`global_slug\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_updated_at_idx\` ON \`payload_locked_documents\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_created_at_idx\` ON \`payload_locked_documents\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`content_blocks_id\` integer,
  	\`media_id\` integer,
  	\`personas_id\` integer,
  	\`interests_id\` integer,
  	\`lifecycle_stages_id\` integer,
  	\`subscribers_id\` integer,
  	\`users_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`content_blocks_id\`) REFERENCES \`content_blocks\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`media_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`personas_id\`) REFERENCES \`personas\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`interests_id\`) REFERENCES \`interests\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`lifecycle_stages_id\`) REFERENCES \`lifecycle_stages\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`subscribers_id\`) REFERENCES \`subscribers\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_content_blocks_id_idx\` ON \`payload_locked_documents_rels\` (\`content_blocks_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_media_id_idx\` ON \`payload_locked_documents_rels\` (\`media_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_personas_id_idx\` ON \`payload_locked_documents_rels\` (\`personas_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_interests_id_idx\` ON \`payload_locked_documents_rels\` (\`interests_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_lifecycle_stages_id_idx\` ON \`payload_locked_documents_rels\` (\`lifecycle_stages_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_subscribers_id_idx\` ON \`payload_locked_documents_rels\` (\`subscribers_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE TABLE \`payload_preferences\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`key\` text,
  	\`value\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_preferences_key_idx\` ON \`payload_preferences\` (\`key\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_updated_at_idx\` ON \`payload_preferences\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_created_at_idx\` ON \`payload_preferences\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`payload_preferences_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`users_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_preferences\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_order_idx\` ON \`payload_preferences_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_parent_idx\` ON \`payload_preferences_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_path_idx\` ON \`payload_preferences_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_preferences_rels_users_id_idx\` ON \`payload_preferences_rels\` (\`users_id\`);`)
  await db.run(sql`CREATE TABLE \`payload_migrations\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text,
  	\`batch\` numeric,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
  );
  `)
  await db.run(sql`CREATE INDEX \`payload_migrations_updated_at_idx\` ON \`payload_migrations\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`payload_migrations_created_at_idx\` ON \`payload_migrations\` (\`created_at\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`content_blocks_channels\`;`)
  await db.run(sql`DROP TABLE \`content_blocks\`;`)
  await db.run(sql`DROP TABLE \`content_blocks_rels\`;`)
  await db.run(sql`DROP TABLE \`_content_blocks_v_version_channels\`;`)
  await db.run(sql`DROP TABLE \`_content_blocks_v\`;`)
  await db.run(sql`DROP TABLE \`_content_blocks_v_rels\`;`)
  await db.run(sql`DROP TABLE \`media\`;`)
  await db.run(sql`DROP TABLE \`media_locales\`;`)
  await db.run(sql`DROP TABLE \`personas_profile\`;`)
  await db.run(sql`DROP TABLE \`personas\`;`)
  await db.run(sql`DROP TABLE \`personas_locales\`;`)
  await db.run(sql`DROP TABLE \`personas_texts\`;`)
  await db.run(sql`DROP TABLE \`interests\`;`)
  await db.run(sql`DROP TABLE \`interests_locales\`;`)
  await db.run(sql`DROP TABLE \`lifecycle_stages\`;`)
  await db.run(sql`DROP TABLE \`lifecycle_stages_locales\`;`)
  await db.run(sql`DROP TABLE \`subscribers_interests\`;`)
  await db.run(sql`DROP TABLE \`subscribers_stage_history\`;`)
  await db.run(sql`DROP TABLE \`subscribers\`;`)
  await db.run(sql`DROP TABLE \`users_sessions\`;`)
  await db.run(sql`DROP TABLE \`users\`;`)
  await db.run(sql`DROP TABLE \`payload_kv\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_preferences\`;`)
  await db.run(sql`DROP TABLE \`payload_preferences_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_migrations\`;`)
}
