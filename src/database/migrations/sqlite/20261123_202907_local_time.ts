import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`subscribers\` ADD \`time_zone\` text;`)
  await db.run(sql`ALTER TABLE \`campaigns\` ADD \`local_time\` integer;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`subscribers\` DROP COLUMN \`time_zone\`;`)
  await db.run(sql`ALTER TABLE \`campaigns\` DROP COLUMN \`local_time\`;`)
}
