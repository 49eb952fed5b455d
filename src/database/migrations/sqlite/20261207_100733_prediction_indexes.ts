import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`subscribers_prediction_prediction_probability_alive_idx\`;`)
  await db.run(sql`DROP INDEX \`subscribers_prediction_prediction_expected_purchases_idx\`;`)
  await db.run(sql`DROP INDEX \`subscribers_prediction_prediction_expected_value_idx\`;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`CREATE INDEX \`subscribers_prediction_prediction_probability_alive_idx\` ON \`subscribers\` (\`prediction_probability_alive\`);`)
  await db.run(sql`CREATE INDEX \`subscribers_prediction_prediction_expected_purchases_idx\` ON \`subscribers\` (\`prediction_expected_purchases\`);`)
  await db.run(sql`CREATE INDEX \`subscribers_prediction_prediction_expected_value_idx\` ON \`subscribers\` (\`prediction_expected_value\`);`)
}
