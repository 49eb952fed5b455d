// @ts-nocheck -- generated; drizzle-orm is installed twice, so its SQL types disagree
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_audit_log_resource" ADD VALUE 'subscriber-imports' BEFORE 'scoring-rules';
  ALTER TABLE "subscriber_imports" ADD COLUMN "created_by_id" integer;
  ALTER TABLE "subscriber_imports" ADD CONSTRAINT "subscriber_imports_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "subscriber_imports_created_by_idx" ON "subscriber_imports" USING btree ("created_by_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "subscriber_imports" DROP CONSTRAINT "subscriber_imports_created_by_id_users_id_fk";
  
  ALTER TABLE "audit_log" ALTER COLUMN "resource" SET DATA TYPE text;
  DROP TYPE "public"."enum_audit_log_resource";
  CREATE TYPE "public"."enum_audit_log_resource" AS ENUM('users', 'content-blocks', 'newsletters', 'landing-pages', 'personas', 'interests', 'lifecycle-stages', 'subscribers', 'topics', 'scoring-rules', 'stage-rules', 'segments', 'campaigns', 'automations', 'branding', 'contact-budget', 'lead-scoring-settings');
  ALTER TABLE "audit_log" ALTER COLUMN "resource" SET DATA TYPE "public"."enum_audit_log_resource" USING "resource"::"public"."enum_audit_log_resource";
  DROP INDEX "subscriber_imports_created_by_idx";
  ALTER TABLE "subscriber_imports" DROP COLUMN "created_by_id";`)
}
