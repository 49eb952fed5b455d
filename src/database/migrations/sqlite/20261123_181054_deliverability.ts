import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`subscribers\` ADD \`deliverability_undeliverable_since\` text;`)
  await db.run(sql`ALTER TABLE \`subscribers\` ADD \`deliverability_reason\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`subscribers\` DROP COLUMN \`deliverability_undeliverable_since\`;`)
  await db.run(sql`ALTER TABLE \`subscribers\` DROP COLUMN \`deliverability_reason\`;`)
}
