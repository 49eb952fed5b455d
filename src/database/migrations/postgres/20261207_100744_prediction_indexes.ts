// @ts-nocheck -- generated; drizzle-orm is installed twice, so its SQL types disagree
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "subscribers_prediction_prediction_probability_alive_idx";
  DROP INDEX "subscribers_prediction_prediction_expected_purchases_idx";
  DROP INDEX "subscribers_prediction_prediction_expected_value_idx";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   CREATE INDEX "subscribers_prediction_prediction_probability_alive_idx" ON "subscribers" USING btree ("prediction_probability_alive");
  CREATE INDEX "subscribers_prediction_prediction_expected_purchases_idx" ON "subscribers" USING btree ("prediction_expected_purchases");
  CREATE INDEX "subscribers_prediction_prediction_expected_value_idx" ON "subscribers" USING btree ("prediction_expected_value");`)
}
