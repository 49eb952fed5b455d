import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`campaigns\` ADD \`ab_test_max_test_hours\` numeric DEFAULT 72;`)
  await db.run(sql`ALTER TABLE \`campaigns\` ADD \`ab_test_no_winner_sends\` text DEFAULT 'control';`)
  await db.run(sql`ALTER TABLE \`campaigns\` ADD \`ab_decision_outcome\` text;`)
  await db.run(sql`ALTER TABLE \`campaigns\` ADD \`ab_decision_significant\` integer;`)
  await db.run(sql`ALTER TABLE \`campaigns\` ADD \`ab_decision_leader\` text;`)
  await db.run(sql`ALTER TABLE \`campaigns\` ADD \`ab_decision_p_value\` numeric;`)
  await db.run(sql`ALTER TABLE \`campaigns\` ADD \`ab_decision_reason\` text;`)
  await db.run(sql`ALTER TABLE \`campaigns\` ADD \`ab_decision_method\` text;`)
  await db.run(sql`ALTER TABLE \`campaigns\` ADD \`ab_decision_checks\` numeric;`)
  await db.run(sql`ALTER TABLE \`campaigns\` ADD \`ab_decision_checked_at\` text;`)
  await db.run(sql`ALTER TABLE \`campaigns\` ADD \`ab_decision_decided_at\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`campaigns\` DROP COLUMN \`ab_test_max_test_hours\`;`)
  await db.run(sql`ALTER TABLE \`campaigns\` DROP COLUMN \`ab_test_no_winner_sends\`;`)
  await db.run(sql`ALTER TABLE \`campaigns\` DROP COLUMN \`ab_decision_outcome\`;`)
  await db.run(sql`ALTER TABLE \`campaigns\` DROP COLUMN \`ab_decision_significant\`;`)
  await db.run(sql`ALTER TABLE \`campaigns\` DROP COLUMN \`ab_decision_leader\`;`)
  await db.run(sql`ALTER TABLE \`campaigns\` DROP COLUMN \`ab_decision_p_value\`;`)
  await db.run(sql`ALTER TABLE \`campaigns\` DROP COLUMN \`ab_decision_reason\`;`)
  await db.run(sql`ALTER TABLE \`campaigns\` DROP COLUMN \`ab_decision_method\`;`)
  await db.run(sql`ALTER TABLE \`campaigns\` DROP COLUMN \`ab_decision_checks\`;`)
  await db.run(sql`ALTER TABLE \`campaigns\` DROP COLUMN \`ab_decision_checked_at\`;`)
  await db.run(sql`ALTER TABLE \`campaigns\` DROP COLUMN \`ab_decision_decided_at\`;`)
}
