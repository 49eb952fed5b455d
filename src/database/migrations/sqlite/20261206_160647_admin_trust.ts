import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`subscribers\` ADD \`score_total\` numeric DEFAULT 0;`)
  await db.run(sql`ALTER TABLE \`subscribers\` ADD \`score_fit\` numeric DEFAULT 0;`)
  await db.run(sql`ALTER TABLE \`subscribers\` ADD \`score_engagement\` numeric DEFAULT 0;`)
  await db.run(sql`CREATE INDEX \`subscribers_score_score_total_idx\` ON \`subscribers\` (\`score_total\`);`)
  await db.run(sql`CREATE INDEX \`subscribers_score_score_fit_idx\` ON \`subscribers\` (\`score_fit\`);`)
  await db.run(sql`CREATE INDEX \`subscribers_score_score_engagement_idx\` ON \`subscribers\` (\`score_engagement\`);`)
  await db.run(sql`ALTER TABLE \`branding\` ADD \`privacy_url\` text;`)
  await db.run(sql`ALTER TABLE \`branding\` ADD \`imprint_url\` text;`)
  await db.run(sql`ALTER TABLE \`branding\` ADD \`address_form\` text DEFAULT 'formal' NOT NULL;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`subscribers_score_score_total_idx\`;`)
  await db.run(sql`DROP INDEX \`subscribers_score_score_fit_idx\`;`)
  await db.run(sql`DROP INDEX \`subscribers_score_score_engagement_idx\`;`)
  await db.run(sql`ALTER TABLE \`subscribers\` DROP COLUMN \`score_total\`;`)
  await db.run(sql`ALTER TABLE \`subscribers\` DROP COLUMN \`score_fit\`;`)
  await db.run(sql`ALTER TABLE \`subscribers\` DROP COLUMN \`score_engagement\`;`)
  await db.run(sql`ALTER TABLE \`branding\` DROP COLUMN \`privacy_url\`;`)
  await db.run(sql`ALTER TABLE \`branding\` DROP COLUMN \`imprint_url\`;`)
  await db.run(sql`ALTER TABLE \`branding\` DROP COLUMN \`address_form\`;`)
}
