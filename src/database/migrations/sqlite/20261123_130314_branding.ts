import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`branding\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`company_name\` text DEFAULT 'Kontorwerk' NOT NULL,
  	\`primary_color\` text DEFAULT '#0f4c81' NOT NULL,
  	\`accent_color\` text DEFAULT '#e09f3e' NOT NULL,
  	\`logo_id\` integer,
  	\`footer\` text DEFAULT 'Kontorwerk GmbH · Hafenstraße 1 · 20457 Hamburg' NOT NULL,
  	\`updated_at\` text,
  	\`created_at\` text,
  	FOREIGN KEY (\`logo_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`branding_logo_idx\` ON \`branding\` (\`logo_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`branding\`;`)
}
