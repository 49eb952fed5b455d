// @ts-nocheck -- generated; drizzle-orm is installed twice, so its SQL types disagree
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "consent_records" ADD COLUMN "request_id" varchar;
  CREATE INDEX "consent_records_request_id_idx" ON "consent_records" USING btree ("request_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "consent_records_request_id_idx";
  ALTER TABLE "consent_records" DROP COLUMN "request_id";`)
}
