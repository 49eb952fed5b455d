import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

import { rebuildTables } from '../../sqliteTableRebuild'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await rebuildTables(db, async () => {
    await db.run(sql`ALTER TABLE \`subscriber_imports\` ADD \`created_by_id\` integer REFERENCES users(id);`)
    await db.run(sql`CREATE INDEX \`subscriber_imports_created_by_idx\` ON \`subscriber_imports\` (\`created_by_id\`);`)
  })
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await rebuildTables(db, async () => {
    await db.run(sql`CREATE TABLE \`__new_subscriber_imports\` (
    	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
    	\`require_double_opt_in\` integer DEFAULT true,
    	\`mapping\` text,
    	\`status\` text DEFAULT 'checked' NOT NULL,
    	\`source_system\` text,
    	\`rows_done\` numeric DEFAULT 0,
    	\`detected\` text,
    	\`dry_run\` text,
    	\`result\` text,
    	\`error\` text,
    	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	\`url\` text,
    	\`thumbnail_u_r_l\` text,
    	\`filename\` text,
    	\`mime_type\` text,
    	\`filesize\` numeric,
    	\`width\` numeric,
    	\`height\` numeric,
    	\`focal_x\` numeric,
    	\`focal_y\` numeric
    );
    `)
    await db.run(sql`INSERT INTO \`__new_subscriber_imports\`("id", "require_double_opt_in", "mapping", "status", "source_system", "rows_done", "detected", "dry_run", "result", "error", "updated_at", "created_at", "url", "thumbnail_u_r_l", "filename", "mime_type", "filesize", "width", "height", "focal_x", "focal_y") SELECT "id", "require_double_opt_in", "mapping", "status", "source_system", "rows_done", "detected", "dry_run", "result", "error", "updated_at", "created_at", "url", "thumbnail_u_r_l", "filename", "mime_type", "filesize", "width", "height", "focal_x", "focal_y" FROM \`subscriber_imports\`;`)
    await db.run(sql`DROP TABLE \`subscriber_imports\`;`)
    await db.run(sql`ALTER TABLE \`__new_subscriber_imports\` RENAME TO \`subscriber_imports\`;`)
    await db.run(sql`CREATE INDEX \`subscriber_imports_status_idx\` ON \`subscriber_imports\` (\`status\`);`)
    await db.run(sql`CREATE INDEX \`subscriber_imports_updated_at_idx\` ON \`subscriber_imports\` (\`updated_at\`);`)
    await db.run(sql`CREATE INDEX \`subscriber_imports_created_at_idx\` ON \`subscriber_imports\` (\`created_at\`);`)
    await db.run(sql`CREATE UNIQUE INDEX \`subscriber_imports_filename_idx\` ON \`subscriber_imports\` (\`filename\`);`)
  })
}
