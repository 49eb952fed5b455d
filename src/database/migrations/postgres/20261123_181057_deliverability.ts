// @ts-nocheck -- generated; drizzle-orm is installed twice, so its SQL types disagree
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "subscribers" ADD COLUMN "deliverability_undeliverable_since" timestamp(3) with time zone;
  ALTER TABLE "subscribers" ADD COLUMN "deliverability_reason" varchar;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "subscribers" DROP COLUMN "deliverability_undeliverable_since";
  ALTER TABLE "subscribers" DROP COLUMN "deliverability_reason";`)
}
