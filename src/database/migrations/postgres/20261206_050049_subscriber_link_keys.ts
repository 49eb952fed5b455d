// @ts-nocheck -- generated; drizzle-orm is installed twice, so its SQL types disagree
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "campaign_sends" ALTER COLUMN "subscriber_id" DROP NOT NULL;
  ALTER TABLE "subscribers" ADD COLUMN "link_key" varchar;
  -- Existing subscribers get a random legacy key: their links signed before (without a key) stay valid (src/security/linkKey.ts).
  UPDATE "subscribers" SET "link_key" = 'legacy:' || replace(gen_random_uuid()::text, '-', '');`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "campaign_sends" ALTER COLUMN "subscriber_id" SET NOT NULL;
  ALTER TABLE "subscribers" DROP COLUMN "link_key";`)
}
