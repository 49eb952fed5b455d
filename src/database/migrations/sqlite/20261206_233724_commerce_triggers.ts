import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`automations\` ADD \`abandon_hours\` numeric DEFAULT 4;`)
  await db.run(sql`ALTER TABLE \`automations\` ADD \`browse_views\` numeric DEFAULT 2;`)
  await db.run(sql`ALTER TABLE \`automations\` ADD \`browse_window_hours\` numeric DEFAULT 24;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`automations\` DROP COLUMN \`abandon_hours\`;`)
  await db.run(sql`ALTER TABLE \`automations\` DROP COLUMN \`browse_views\`;`)
  await db.run(sql`ALTER TABLE \`automations\` DROP COLUMN \`browse_window_hours\`;`)
}
