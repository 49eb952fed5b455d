import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`automations\` ADD \`holdout_percent\` numeric DEFAULT 0;`)
  await db.run(sql`ALTER TABLE \`automation_runs\` ADD \`holdout_group\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`automations\` DROP COLUMN \`holdout_percent\`;`)
  await db.run(sql`ALTER TABLE \`automation_runs\` DROP COLUMN \`holdout_group\`;`)
}
