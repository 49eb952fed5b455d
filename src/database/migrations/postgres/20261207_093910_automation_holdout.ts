// @ts-nocheck -- generated; drizzle-orm is installed twice, so its SQL types disagree
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_automation_runs_holdout_group" AS ENUM('treated', 'holdout');
  ALTER TABLE "automations" ADD COLUMN "holdout_percent" numeric DEFAULT 0;
  ALTER TABLE "automation_runs" ADD COLUMN "holdout_group" "enum_automation_runs_holdout_group";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "automations" DROP COLUMN "holdout_percent";
  ALTER TABLE "automation_runs" DROP COLUMN "holdout_group";
  DROP TYPE "public"."enum_automation_runs_holdout_group";`)
}
