import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`campaigns_ab_test_variants\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`key\` text NOT NULL,
  	\`share\` numeric NOT NULL,
  	\`subject\` text,
  	\`slot\` text,
  	\`block_id\` integer,
  	FOREIGN KEY (\`block_id\`) REFERENCES \`content_blocks\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`campaigns\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`campaigns_ab_test_variants_order_idx\` ON \`campaigns_ab_test_variants\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`campaigns_ab_test_variants_parent_id_idx\` ON \`campaigns_ab_test_variants\` (\`_parent_id\`);`)
  await db.run(sql`CREATE INDEX \`campaigns_ab_test_variants_block_idx\` ON \`campaigns_ab_test_variants\` (\`block_id\`);`)
  await db.run(sql`ALTER TABLE \`campaigns\` ADD \`ab_test_holdout_percent\` numeric DEFAULT 0;`)
  await db.run(sql`ALTER TABLE \`campaigns\` ADD \`ab_test_winner_metric\` text DEFAULT 'unique_click_rate';`)
  await db.run(sql`ALTER TABLE \`campaigns\` ADD \`ab_test_decide_after_hours\` numeric DEFAULT 4;`)
  await db.run(sql`ALTER TABLE \`campaigns\` ADD \`ab_winner\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`campaigns_ab_test_variants\`;`)
  await db.run(sql`ALTER TABLE \`campaigns\` DROP COLUMN \`ab_test_holdout_percent\`;`)
  await db.run(sql`ALTER TABLE \`campaigns\` DROP COLUMN \`ab_test_winner_metric\`;`)
  await db.run(sql`ALTER TABLE \`campaigns\` DROP COLUMN \`ab_test_decide_after_hours\`;`)
  await db.run(sql`ALTER TABLE \`campaigns\` DROP COLUMN \`ab_winner\`;`)
}
