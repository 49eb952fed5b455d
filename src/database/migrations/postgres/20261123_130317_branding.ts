// @ts-nocheck -- generated; drizzle-orm is installed twice, so its SQL types disagree
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "branding" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"company_name" varchar DEFAULT 'Kontorwerk' NOT NULL,
  	"primary_color" varchar DEFAULT '#0f4c81' NOT NULL,
  	"accent_color" varchar DEFAULT '#e09f3e' NOT NULL,
  	"logo_id" integer,
  	"footer" varchar DEFAULT 'Kontorwerk GmbH · Hafenstraße 1 · 20457 Hamburg' NOT NULL,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  
  ALTER TABLE "branding" ADD CONSTRAINT "branding_logo_id_media_id_fk" FOREIGN KEY ("logo_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "branding_logo_idx" ON "branding" USING btree ("logo_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "branding" CASCADE;`)
}
