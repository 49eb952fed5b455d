import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`consent_records\` ADD \`request_id\` text;`)
  await db.run(sql`CREATE INDEX \`consent_records_request_id_idx\` ON \`consent_records\` (\`request_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`consent_records_request_id_idx\`;`)
  await db.run(sql`ALTER TABLE \`consent_records\` DROP COLUMN \`request_id\`;`)
}
