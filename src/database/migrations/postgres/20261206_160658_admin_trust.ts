// @ts-nocheck -- generated; drizzle-orm is installed twice, so its SQL types disagree
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_branding_address_form" AS ENUM('formal', 'informal');
  ALTER TABLE "subscribers" ADD COLUMN "score_total" numeric DEFAULT 0;
  ALTER TABLE "subscribers" ADD COLUMN "score_fit" numeric DEFAULT 0;
  ALTER TABLE "subscribers" ADD COLUMN "score_engagement" numeric DEFAULT 0;
  ALTER TABLE "branding" ADD COLUMN "privacy_url" varchar;
  ALTER TABLE "branding" ADD COLUMN "imprint_url" varchar;
  ALTER TABLE "branding" ADD COLUMN "address_form" "enum_branding_address_form" DEFAULT 'formal' NOT NULL;
  CREATE INDEX "subscribers_score_score_total_idx" ON "subscribers" USING btree ("score_total");
  CREATE INDEX "subscribers_score_score_fit_idx" ON "subscribers" USING btree ("score_fit");
  CREATE INDEX "subscribers_score_score_engagement_idx" ON "subscribers" USING btree ("score_engagement");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "subscribers_score_score_total_idx";
  DROP INDEX "subscribers_score_score_fit_idx";
  DROP INDEX "subscribers_score_score_engagement_idx";
  ALTER TABLE "subscribers" DROP COLUMN "score_total";
  ALTER TABLE "subscribers" DROP COLUMN "score_fit";
  ALTER TABLE "subscribers" DROP COLUMN "score_engagement";
  ALTER TABLE "branding" DROP COLUMN "privacy_url";
  ALTER TABLE "branding" DROP COLUMN "imprint_url";
  ALTER TABLE "branding" DROP COLUMN "address_form";
  DROP TYPE "public"."enum_branding_address_form";`)
}
